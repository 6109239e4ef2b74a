"""Server-side pagination of the coordinators' lists: one page of rows, whatever the size of the whole set.

`paginate()` reads `?page=` (a wrong or missing number gives the first or the last page, never an error) and
returns Django's `Page`; the whole set is counted with one SQL `COUNT`. The template shows
`templates/includes/pagination.html`, which keeps the other query parameters (filters, search) in its links.
"""

from django.core.paginator import Page, Paginator

PER_PAGE = 50


def paginate(request, object_list, *, per_page: int | None = None) -> Page:
    return Paginator(object_list, per_page or PER_PAGE).get_page(request.GET.get("page"))
