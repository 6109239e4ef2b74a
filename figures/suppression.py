"""Small groups never identify a person: the rule every figure of a programme goes through before it is shown,
exported or served by the API.

The rule (written in docs/privacy.md, tested in tests/figures/test_suppression.py):

1. **Primary suppression.** A count of people from 1 to 4 is not shown: it reads "s" (statistical secret).
   Zero is shown (nobody is identified by it), unless the group it belongs to is itself secret (rule 3).
2. **Rates and sums over people** (attendance rate, response rate, internship hours) are not shown when fewer
   than 5 people stand behind them, nor a rate whose numerator or denominator is hidden (the rate times the
   other would give it back).
3. **A small total hides its parts.** When a group's total (for example the graduates who answered in a
   cohort) is itself under 5, every part of it (working or not, each kind of structure) is secret too, zeros
   included: "all three work in a hospital" is what must not be read.
4. **Secondary suppression.** When the parts of a shown total would let a secret part be worked out by
   subtraction (exactly one secret part), the smallest other non-zero part is hidden too. This is applied to
   each breakdown of a row and to each column against the "all cohorts" row, until nothing changes.
"""

from __future__ import annotations

from dataclasses import dataclass

THRESHOLD = 5
SECRET = "s"


@dataclass
class Cell:
    """One figure: its true value (never shown when secret) and whether it is secret."""

    value: int | float | None
    secret: bool = False
    # "count" (people), "rate" (percentage, `value` 0-100), "hours"
    kind: str = "count"

    @property
    def small(self) -> bool:
        """Under the threshold itself (rule 1), not only hidden to protect another figure (rule 4)."""
        return self.kind == "count" and self.value is not None and 0 < self.value < THRESHOLD

    @property
    def shown(self):
        """What may be read: the value, or None when secret or not known."""
        return None if self.secret else self.value

    def __str__(self) -> str:
        if self.secret:
            return SECRET
        if self.value is None:
            return "—"
        if self.kind == "rate":
            return f"{self.value:.0f} %"
        if self.kind == "hours":
            return f"{self.value:.0f} h"
        return str(self.value)


def count(value: int) -> Cell:
    """Rule 1."""
    return Cell(value=value, secret=0 < value < THRESHOLD)


def rate(numerator: int, denominator: int) -> Cell:
    """Rule 2: a percentage, secret when fewer than five people are behind it (unknown when nobody is)."""
    if denominator == 0:
        return Cell(value=None, kind="rate")
    return Cell(value=100 * numerator / denominator, secret=denominator < THRESHOLD, kind="rate")


def over_people(value, people: int, *, kind: str = "hours") -> Cell:
    """Rule 2 for a sum (hours): secret when fewer than five people contributed."""
    if people == 0:
        return Cell(value=None, kind=kind)
    return Cell(value=float(value), secret=people < THRESHOLD, kind=kind)


def protect_group(total: Cell, parts: list[Cell]) -> bool:
    """Rules 3 and 4 for one total and the counts that add up to it. Returns True when it hid something."""
    changed = False
    if total.small:
        for part in parts:
            if not part.secret:
                part.secret, changed = True, True
        return changed
    if total.secret:
        return False  # hidden to protect another figure: its parts follow their own groups
    secret = [part for part in parts if part.secret]
    if len(secret) == 1:
        candidates = [part for part in parts if not part.secret and part.value]
        if candidates:
            min(candidates, key=lambda part: part.value).secret = True
            changed = True
    return changed
