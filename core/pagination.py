"""Server-side pagination of the coordinators' lists: one page of rows, whatever the size of the whole set.

`paginate()` reads `?page=` (a wrong or missing number gives the first or the last page, never an error) and
returns Django's `Page`; the whole set is counted with one SQL `COUNT`. The template shows
`templates/includes/pagination.html`, which keeps the other query parameters (filters, search) in its links.

When the rows are read through joins and computed columns that do not change how many there are, pass the plain
filtered queryset as `counted`: the `COUNT` then runs on it rather than on the rows' query.
"""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

PER_PAGE = 50


class CountedPaginator(Paginator):
    """A paginator whose total is the count of `counted` (the same rows as `object_list`, without its extras)."""

    def __init__(self, object_list, per_page, *, counted: QuerySet | None = None):
        super().__init__(object_list, per_page)
        self.counted = counted

    @cached_property
    def count(self) -> int:
        return self.counted.count() if self.counted is not None else super().count


def paginate(request, object_list, *, per_page: int | None = None, counted: QuerySet | None = None) -> Page:
    return CountedPaginator(object_list, per_page or PER_PAGE, counted=counted).get_page(request.GET.get("page"))
