import pytest


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth keeps its rate limits and used TOTP codes in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
