"""What one test leaves behind in the process must not reach the next (tests/conftest.py `_empty_cache`)."""

import pytest
from django.core.cache import cache


@pytest.mark.parametrize("turn", ["first", "second"])
def test_each_test_starts_with_an_empty_cache(turn):
    # Whichever of the two runs second would find the other's key if the cache were kept between tests (both run
    # in one process: xdist hands a worker consecutive tests of a file).
    assert cache.get("isolation:probe") is None
    cache.set("isolation:probe", turn, timeout=None)
