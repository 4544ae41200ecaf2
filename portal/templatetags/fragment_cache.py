"""`{% cache %}` with exact invalidation: Django's tag, written the same way
(`{% load fragment_cache %}{% cache 600 name var… using="fragments" %}…{% endcache %}`),
whose fragments are checked against the versions of the tables they show
(portal.pagecache): those their own queries read and those the page had read before
them (the rows they render). A fragment is also part of the page that uses it, which
depends on its tables as if it had been rendered in full."""

from __future__ import annotations

from typing import Any

from django.core.cache.utils import make_template_fragment_key
from django.template import Library
from django.templatetags.cache import CacheNode, do_cache

from portal import pagecache

register = Library()


class TrackedCacheNode(CacheNode):
    def render(self, context: Any) -> str:
        timeout = self.expire_time_var.resolve(context)
        using = self.cache_name.resolve(context) if self.cache_name else None
        vary_on = [var.resolve(context) for var in self.vary_on]
        key = make_template_fragment_key(self.fragment_name, vary_on)
        return pagecache.get_or_set(
            key, lambda: self.nodelist.render(context), None if timeout is None else int(timeout), using=using
        )


@register.tag("cache")
def do_tracked_cache(parser: Any, token: Any) -> TrackedCacheNode:
    node = do_cache(parser, token)
    return TrackedCacheNode(node.nodelist, node.expire_time_var, node.fragment_name, node.vary_on, node.cache_name)
