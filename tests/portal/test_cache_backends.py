"""portal.cache_backends.RedisCache: Django's Redis cache with one client per pool."""

from __future__ import annotations

import uuid

import pytest

from portal.cache_backends import RedisCache
from tests.portal.test_deploy import _redis_reachable


@pytest.mark.skipif(not _redis_reachable(), reason="no Redis on 127.0.0.1:6379")
def test_redis_cache__one_client_reused_and_every_call_works() -> None:
    cache = RedisCache("redis://127.0.0.1:6379/1", {})
    client = cache._cache.get_client(write=True)
    assert cache._cache.get_client(write=True) is client
    assert cache._cache.get_client() is client  # one server: reads and writes share its pool
    key = "portal-test-" + uuid.uuid4().hex
    try:
        cache.set(key, 41, 30)
        assert cache.incr(key) == 42
        assert cache.add(key, 1) is False
        assert cache.get_many([key, key + "-missing"]) == {key: 42}
    finally:
        cache.delete(key)
