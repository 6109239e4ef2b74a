"""What one test leaves behind must not reach the next: the process's cache (tests/conftest.py `_empty_cache`), the
rows of a transactional test (the flush of tests/conftest.py)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from wagtail.models import Collection, Site, Workflow

from accounts.models import User
from accounts.structure import STAFF_GROUPS
from cms.models import HomePage
from cms.services import REVIEW_WORKFLOW_NAME
from cms.structure import HOME_TITLE
from core import versioned_cache
from tasks.models import ReminderRule


@pytest.mark.parametrize("turn", ["first", "second"])
def test_each_test_starts_with_an_empty_cache(turn):
    # Whichever of the two runs second would find the other's key if the cache were kept between tests (both run
    # in one process: xdist hands a worker consecutive tests of a file).
    assert cache.get("isolation:probe") is None
    assert versioned_cache.get("isolation:kept") is None  # nor this process's memory of never-changing values
    cache.set("isolation:probe", turn, timeout=None)
    versioned_cache.put("isolation:kept", turn, timeout=None)
    cache.delete("isolation:kept")  # only the process's memory holds it now


def _fixed_rows() -> dict:
    """The rows every database of the platform has, made after a migrate and after a test's flush."""
    return {
        # Wagtail's own default groups ("Editors", "Moderators") and workflow ("Moderators approval"), made by its
        # migrations and not used by the platform, are not made again after a flush.
        "groups": sorted(Group.objects.filter(name__in=STAFF_GROUPS).values_list("name", flat=True)),
        "coordinator permissions": Permission.objects.filter(group__name="Coordinators").count(),
        "root collection": Collection.objects.filter(depth=1).count(),
        "home page": list(HomePage.objects.values_list("depth", "slug", "title")),
        "default site": list(Site.objects.filter(is_default_site=True).values_list("root_page__slug", flat=True)),
        "review workflow": list(Workflow.objects.filter(name=REVIEW_WORKFLOW_NAME).values_list("active", flat=True)),
        "reminder rules": ReminderRule.objects.count(),
        "content types": ContentType.objects.count(),
    }


@pytest.fixture(scope="module")
def fixed_rows_after_migrate(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return _fixed_rows()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("turn", ["first", "second"])
def test_a_transactional_test_starts_with_the_migrated_rows_and_nothing_else(turn, fixed_rows_after_migrate):
    # Every transactional test (every browser journey) ends with a flush (tests/conftest.py): whichever of the two
    # runs second must find the fixed rows as the migrate left them, and none of the other's rows.
    assert fixed_rows_after_migrate["home page"] == [(2, "home", HOME_TITLE)]
    assert fixed_rows_after_migrate["coordinator permissions"] > 0
    assert _fixed_rows() == fixed_rows_after_migrate
    assert not User.objects.filter(email__endswith="@isolation.test").exists()
    User.objects.create_user(email=f"{turn}@isolation.test", password="x")
    HomePage.objects.update(title=f"Changed by the {turn} test")
