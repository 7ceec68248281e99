"""Django's Redis cache, made to act as an empty cache while Redis is unreachable.

Sessions (`cached_db`) and the guide's cached data go through the cache: an outage of Redis must cost speed,
not pages. Reads then miss, writes are dropped, and each failure is logged.
"""

import logging
from functools import wraps

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)


def _or_else(fallback):
    """Run the cache method; when Redis cannot be reached, log it and answer `fallback(*arguments)`."""

    def decorate(method):
        @wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except (RedisConnectionError, RedisTimeoutError) as error:
                logger.warning("Redis cache unreachable, %s skipped: %s", method.__name__, error)
                return fallback(*args, **kwargs)

        return wrapper

    return decorate


class FaultTolerantRedisCache(RedisCache):
    get = _or_else(lambda key, default=None, version=None: default)(RedisCache.get)
    get_many = _or_else(lambda keys, version=None: {})(RedisCache.get_many)
    has_key = _or_else(lambda key, version=None: False)(RedisCache.has_key)
    set = _or_else(lambda *args, **kwargs: None)(RedisCache.set)
    set_many = _or_else(lambda data, *args, **kwargs: list(data))(RedisCache.set_many)
    add = _or_else(lambda *args, **kwargs: False)(RedisCache.add)
    touch = _or_else(lambda *args, **kwargs: False)(RedisCache.touch)
    delete = _or_else(lambda *args, **kwargs: False)(RedisCache.delete)
    delete_many = _or_else(lambda *args, **kwargs: None)(RedisCache.delete_many)
    clear = _or_else(lambda *args, **kwargs: False)(RedisCache.clear)
