"""Room on the learner dashboard for what other apps know (the cohort's sessions, the internship).

lms sits below cohorts' calendar and internships in the dependency graph of features, so it does not import
them: they register a section provider from their AppConfig.ready():

    from lms.dashboard import register_section
    register_section("sessions", lambda *, request, enrolments: render_to_string(...))

A provider returns an HTML fragment ("" when it has nothing to say); the dashboard keeps the section's title
and shows a calm empty state when no provider has anything.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

SECTIONS = {
    "sessions": (_("Next sessions"), _("No session is planned for now. The dates will appear here.")),
    "internship": (_("Your internship"), _("Nothing to show about your internship yet.")),
}

SectionProvider = Callable[..., str]
_providers: dict[str, list[SectionProvider]] = {key: [] for key in SECTIONS}


def register_section(key: str, provider: SectionProvider) -> None:
    """Add a provider `provider(*, request, enrolments) -> str (HTML)` to the section `key`."""
    if key not in _providers:
        raise ValueError(f"Unknown dashboard section {key!r}; known: {', '.join(SECTIONS)}")
    if provider not in _providers[key]:
        _providers[key].append(provider)


def unregister_section(key: str, provider: SectionProvider) -> None:
    if provider in _providers.get(key, []):
        _providers[key].remove(provider)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    empty_text: str
    html: str


def sections_for(*, request, enrolments) -> list[Section]:
    sections = []
    for key, (title, empty_text) in SECTIONS.items():
        fragments = [provider(request=request, enrolments=enrolments) for provider in _providers[key]]
        # Providers return fragments they rendered with their own (autoescaped) templates.
        html = mark_safe("".join(str(fragment) for fragment in fragments if fragment))
        sections.append(Section(key=key, title=str(title), empty_text=str(empty_text), html=html))
    return sections
