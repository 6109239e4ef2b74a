"""Links of a long list's rows: a URL reversed once per page, then filled with each row's id.

`reverse()` resolves the URL pattern on each call; a page of 50 or 100 rows with a few links each spends more in
it than in its SQL. `UrlPattern("lms:learner_detail", cohort.pk)(enrolment.pk)` gives the same URL as
`reverse("lms:learner_detail", args=[cohort.pk, enrolment.pk])`, reversing once for the page.
"""

from django.urls import reverse


class UrlPattern:
    """A named URL whose last argument is an integer id, reversed once with a marker that each call replaces."""

    MARKER = 987654321

    def __init__(self, name: str, *args):
        self.pattern = reverse(name, args=[*args, self.MARKER])

    def __call__(self, pk: int) -> str:
        return self.pattern.replace(str(self.MARKER), str(int(pk)))
