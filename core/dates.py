"""Dates of a long list's rows in words, with the month names translated once per page.

Django's `date` filter (and `formats.date_format`) looks the format up and translates the month's name on each
call, about 25 µs; a page of 50 rows with a date or two each spends more in it than in its SQL.
`DayFormat("j F Y")` gives the same text as `{{ value|date:"j F Y" }}` in the language active when it is built
(an aware datetime is shown in the current time zone, as the filter does), for the few day formats the lists use.
"""

import datetime

from django.utils import timezone
from django.utils.dates import MONTHS, MONTHS_3

# The format characters DayFormat knows; any other letter is refused rather than shown as itself.
KNOWN = set("jdFMY")


class DayFormat:
    """A day format of Django's `date` filter made of `j` (day), `d` (day, two digits), `F` (month), `M` (month,
    three letters, capitalised as Django does), `Y` (year) and punctuation: built once per page, called per row."""

    def __init__(self, format_string: str):
        unknown = {char for char in format_string if (char.isalpha() or char == "\\") and char not in KNOWN}
        if unknown:
            raise ValueError(f"DayFormat does not know the format characters {sorted(unknown)}.")
        self.format_string = format_string
        self.months = {"F": [""] + [str(MONTHS[n]) for n in range(1, 13)]}
        self.months["M"] = [""] + [str(MONTHS_3[n]).title() for n in range(1, 13)]
        self.zone = timezone.get_current_timezone()

    def __call__(self, value: datetime.date | None) -> str:
        if value is None:
            return ""
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            value = value.astimezone(self.zone)
        parts = []
        for char in self.format_string:
            if char == "j":
                parts.append(str(value.day))
            elif char == "d":
                parts.append(f"{value.day:02d}")
            elif char == "Y":
                parts.append(f"{value.year:04d}")
            elif char in self.months:
                parts.append(self.months[char][value.month])
            else:
                parts.append(char)
        return "".join(parts)
