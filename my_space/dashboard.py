"""The sections of the learner dashboard that come from other apps: the cohort's next sessions, the internship.

Each section's provider returns an HTML fragment rendered with its own (autoescaped) template, or "" when it has
nothing to say; the dashboard then keeps the section's title and shows a calm empty state.
"""

from dataclasses import dataclass

from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from cohort_sessions.dashboard import learner_sessions_section
from internships.dashboard import learner_placement_section

SECTIONS = {
    "sessions": (
        _("Next sessions"),
        _("No session is planned for now. The dates will appear here."),
        learner_sessions_section,
    ),
    "internship": (_("Your internship"), _("Nothing to show about your internship yet."), learner_placement_section),
}


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    empty_text: str
    html: str


def sections_for(*, request, enrolments) -> list[Section]:
    sections = []
    for key, (title, empty_text, provider) in SECTIONS.items():
        html = mark_safe(str(provider(request=request, enrolments=enrolments) or ""))
        sections.append(Section(key=key, title=str(title), empty_text=str(empty_text), html=html))
    return sections
