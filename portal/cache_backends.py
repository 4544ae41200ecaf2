"""Django's Redis cache, with one client per connection pool.

Django's RedisCacheClient makes a new `redis.Redis` for every cache call, and each one
builds its table of some 170 response callbacks: on a page-cache hit (two calls: the
page, then its tables' versions) that was about a third of the time spent in Django
(measured in-process on the demo city: 0.5 → 0.33 ms a hit). A `redis.Redis` is safe
to share between threads (its connections come from the pool), and the pool notices a
fork, so one per pool and process is enough."""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient
