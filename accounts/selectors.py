"""Reads about people and the roles they hold."""

from dataclasses import dataclass


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
