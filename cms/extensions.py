"""Extension points of the course pages for the apps that sit above cms.

cms must not import cohorts or lms, yet a programme page shows the open call for applications that cohorts
knows about. Apps register a renderer from their AppConfig.ready():

    from cms.extensions import register_programme_section
    register_programme_section(render_open_call)   # render_open_call(request, programme) -> str (safe HTML)
"""

from collections.abc import Callable

from django.utils.safestring import SafeString, mark_safe

ProgrammeSection = Callable[[object, object], str]
_programme_sections: list[ProgrammeSection] = []


def register_programme_section(renderer: ProgrammeSection) -> None:
    if renderer not in _programme_sections:
        _programme_sections.append(renderer)


def render_programme_sections(*, request, programme) -> SafeString:
    return mark_safe("".join(renderer(request, programme) for renderer in _programme_sections))
