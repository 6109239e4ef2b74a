from django.db import connection
from django.db.models import Count
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from core.pagination import paginate
from tests.factories.accounts import UserFactory


def test_the_total_is_the_count_of_counted_when_given(db):
    """The page's rows come from `object_list`; the total from one plain COUNT of `counted` (without its joins)."""
    for i in range(5):
        UserFactory(last_name=f"Nom{i}")
    rows = User.objects.annotate(n_groups=Count("groups")).values("pk", "last_name", "n_groups").order_by("last_name")
    request = RequestFactory().get("/", {"page": "2"})

    with CaptureQueriesContext(connection) as queries:
        page = paginate(request, rows, per_page=2, counted=User.objects.all())
    assert (page.paginator.count, page.paginator.num_pages, page.number) == (5, 3, 2)
    assert [row["last_name"] for row in page.object_list] == ["Nom2", "Nom3"]
    (count_sql,) = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]]
    assert "JOIN" not in count_sql

    with CaptureQueriesContext(connection) as queries:  # without `counted`: the rows' own query is counted
        page = paginate(request, rows, per_page=2)
    assert (page.paginator.count, page.paginator.num_pages) == (5, 3)
    (count_sql,) = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]]
    assert "JOIN" in count_sql
