"""Many-to-many links to a small taxonomy (activity fields, areas) attached to a page of
objects without Django's prefetch machinery.

`prefetch_related` builds a related manager and a queryset per object and relation, and
a model instance per link: on the groups directory (24 groups, their fields and areas)
that was a third of the page's time. Here one query reads the (object, term) id pairs
and the terms come from a per-process copy of the whole taxonomy, checked against its
table's version like every cached fragment (portal.pagecache)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import models

from portal import pagecache


def terms_by_id(model: type[models.Model]) -> dict[int, Any]:
    """Every row of a small taxonomy table, by id, in its own order."""
    key = pagecache.key_for("taxonomy", model._meta.label)
    return pagecache.get_or_set(
        key, lambda: {term.pk: term for term in model._default_manager.all()}, 3600, using=settings.FRAGMENT_CACHE_ALIAS
    )


def attach(objects: Iterable[models.Model], relation: str, to_attr: str) -> list[models.Model]:
    """Set `obj.<to_attr>` to the list of the terms `obj.<relation>` links to (in the
    taxonomy's order) on each object; returns the objects as a list."""
    objects = list(objects)
    if not objects:
        return objects
    field = type(objects[0])._meta.get_field(relation)
    through = field.remote_field.through
    source, target = field.m2m_column_name(), field.m2m_reverse_name()
    pairs = through._default_manager.filter(**{f"{source}__in": [obj.pk for obj in objects]}).values_list(
        source, target
    )
    terms = terms_by_id(field.related_model)
    position = {pk: index for index, pk in enumerate(terms)}
    linked: dict[Any, list[int]] = defaultdict(list)
    for owner, term in pairs:
        linked[owner].append(term)
    for obj in objects:
        ids = sorted((pk for pk in linked.get(obj.pk, ()) if pk in terms), key=position.__getitem__)
        setattr(obj, to_attr, [terms[pk] for pk in ids])
    return objects
