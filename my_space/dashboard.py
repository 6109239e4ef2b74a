"""The sections of the learner dashboard that come from other apps: the cohort's next sessions, the internship.

Each section's provider returns an HTML fragment rendered with its own (autoescaped) template, or "" when it has
nothing to say; the dashboard then keeps the section's title and shows a calm empty state. The fragments are kept
together in the shared cache for the learner under the versions of their cohorts (`cohorts.changes.cached_fragments`):
every service writing a session, an attendance or anything of an internship gives those cohorts a new version.
"""

from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from cohort_sessions.dashboard import learner_sessions_section
from cohorts.changes import cached_fragments
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


def sections_for(*, request, enrolments, outline: str | None = None) -> list[Section]:
    """The sections for the learner and their current `enrolments`, kept together in one cache entry (`outline`: the
    outline's version, when the request already read it). A person with no current enrolment is not kept in the
    cache: no cohort's version would tell when their internship of an earlier cohort changes."""
    cohort_ids = [enrolment.cohort_id for enrolment in enrolments]

    def build() -> dict[str, SafeString]:
        # Each provider renders an autoescaped template.
        return {
            key: mark_safe(str(provider(request=request, enrolments=enrolments) or ""))
            for key, (_title, _empty, provider) in SECTIONS.items()
        }

    if cohort_ids:
        html = cached_fragments(
            f"learner-sections:{request.user.pk}", cohort_ids=cohort_ids, build=build, outline=outline
        )
    else:
        html = build()
    return [
        Section(key=key, title=str(title), empty_text=str(empty_text), html=html[key])
        for key, (title, empty_text, _provider) in SECTIONS.items()
    ]
