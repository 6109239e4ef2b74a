"""Template tags for pages of other apps: `{% load selection %}{% open_call page %}` on a programme page."""

from django import template

from selection.selectors import open_rounds_for_programme

register = template.Library()


@register.inclusion_tag("selection/tags/open_call.html", takes_context=True)
def open_call(context, programme):
    """The programme's open calls for applications (dates and the way to apply), or nothing."""
    return {
        "rounds": open_rounds_for_programme(programme_id=programme.pk) if programme else [],
        "request": context.get("request"),
    }
