"""Django's Redis cache, with one Redis client per connection pool instead of one per cache call.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` on every get or set, and each one fills its table
of about 170 response callbacks: a quarter of a millisecond of CPU per call, paid several times by every page that
reads a session, a version key or a cached fragment. A `redis.Redis` is safe to share between threads (it takes a
connection from its pool for each command), so each pool keeps one. Settings: `BACKEND: "core.cache.RedisCache"`.
"""

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
