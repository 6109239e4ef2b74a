"""core.fragments' versions: read once per request, the apps' shared versions in the same read, writes seen."""

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction

from core import fragments


@pytest.fixture
def reads(monkeypatch):
    """Every key list the versions were read with (one cache read each)."""
    seen = []
    get_many = cache.get_many

    def counting(keys, *args, **kwargs):
        seen.append(sorted(keys))
        return get_many(keys, *args, **kwargs)

    monkeypatch.setattr(cache, "get_many", counting)
    monkeypatch.setattr(fragments, "_READ_TOGETHER", ["shared:a", "shared:b"])
    return seen


@pytest.fixture
def in_a_request():
    fragments.request_started()
    yield
    fragments.request_finished()


def test_a_request_reads_each_version_once_with_the_shared_ones(reads, in_a_request):
    first = fragments.versions(["person:1"])
    assert fragments.versions(["person:1", "shared:a"]) == [*first, cache.get("shared:a")]
    assert fragments.versions(["shared:b"]) == [cache.get("shared:b")]
    fragments.versions(["cohort:7"])
    assert reads == [["person:1", "shared:a", "shared:b"], ["cohort:7"]]


def test_a_version_written_during_the_request_is_the_one_it_reads_then(reads, in_a_request):
    before = fragments.versions(["shared:a"])[0]
    fragments.bump(["shared:a"])
    after = fragments.versions(["shared:a"])[0]
    assert after != before and after == cache.get("shared:a")
    assert len(reads) == 1


@pytest.mark.django_db(transaction=True)
def test_a_change_in_a_transaction_is_versioned_at_once_and_again_at_commit(reads, in_a_request):
    before = fragments.versions(["shared:a"])[0]
    with transaction.atomic():
        fragments.bump_now_and_on_commit("shared:a")
        during = fragments.versions(["shared:a"])[0]
    after = fragments.versions(["shared:a"])[0]
    assert len({before, during, after}) == 3 and after == cache.get("shared:a")


def test_outside_a_request_each_call_reads_the_cache(reads):
    fragments.request_started()
    fragments.request_finished()
    version = fragments.versions(["person:1"])[0]
    cache.set("person:1", "changed elsewhere", timeout=None)
    assert fragments.versions(["person:1"]) == ["changed elsewhere"] != [version]
    assert reads == [["person:1"], ["person:1"]]


@pytest.mark.django_db
def test_a_new_request_reads_again(reads):
    """Django's request signals start and end what a request keeps."""
    for _ in range(2):
        request_started.send(sender=None, environ={})
        fragments.versions(["person:1"])
        fragments.versions(["person:1"])
        request_finished.send(sender=None)
    assert reads == [["person:1", "shared:a", "shared:b"]] * 2
