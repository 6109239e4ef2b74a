from django import template

from cms.extensions import render_programme_sections

register = template.Library()


@register.simple_tag(takes_context=True)
def programme_sections(context, programme):
    """What other apps add to a programme page (e.g. the open call for applications)."""
    return render_programme_sections(request=context.get("request"), programme=programme)
