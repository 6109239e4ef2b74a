"""Reads about people and the roles they hold."""

from dataclasses import dataclass

from accounts.models import User


@dataclass(frozen=True)
class Space:
    """One entry of a person's home page: a role they hold and where its work is."""

    title: str
    description: str
    url: str
    # Entries about one cohort are shown together under its name; `label` is then the short visible title
    # (the full `title` stays the link's accessible name). See `Space.for_cohort`.
    group: str = ""
    label: str = ""

    @classmethod
    def for_cohort(cls, *, label: str, cohort, description: str, url: str) -> "Space":
        group = str(cohort)
        return cls(title=f"{label} — {group}", description=description, url=url, group=group, label=label)


_space_providers = []


def register_space_provider(provider) -> None:
    """Apps register a callable `provider(user) -> list[Space]` (from their AppConfig.ready).

    accounts sits at the bottom of the dependency graph, so it cannot import the apps that know about
    coordinators, learners or tutors; they tell it instead.
    """
    if provider not in _space_providers:
        _space_providers.append(provider)


def user_spaces(*, user: User) -> list[Space]:
    spaces: list[Space] = []
    for provider in _space_providers:
        spaces.extend(provider(user))
    return spaces
