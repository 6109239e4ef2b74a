"""Extension points for the course pages (cms cannot import the apps above it).

`settings.CMS_LESSON_PANEL` names a callable `panel(*, request, lesson, show_body, programme, module, decision) -> str`
(safe HTML) that the lesson page renders below the lesson's body, once access has been granted (`decision`: the access
policy's answer, with what it read): in this project the learning records (completion, quiz, journal).
"""

from django import template
from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def lesson_panel(context):
    path = getattr(settings, "CMS_LESSON_PANEL", "")
    request = context.get("request")
    if not path or request is None:
        return ""
    panel = import_string(path)
    return mark_safe(
        panel(
            request=request,
            lesson=context["page"],
            show_body=context.get("show_body"),
            programme=context.get("programme"),
            module=context.get("module"),
            decision=context.get("decision"),
        )
    )
