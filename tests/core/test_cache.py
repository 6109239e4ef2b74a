"""core.cache: Django's Redis cache with one Redis client per pool, kept for every call."""

import uuid

from core.cache import RedisCache


def test_the_redis_cache_keeps_one_client_and_reads_what_it_wrote(redis_url):
    cache = RedisCache(redis_url, {"KEY_PREFIX": f"pa-test-{uuid.uuid4().hex[:10]}"})
    cache.set("figure", {"done": 3}, timeout=30)
    assert cache.get("figure") == {"done": 3}
    assert cache.get_many(["figure", "absent"]) == {"figure": {"done": 3}}
    assert cache.add("figure", "other", timeout=30) is False
    client = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is client  # one server: reads and writes share the pool and client
    cache.delete("figure")
    assert cache.get("figure") is None
