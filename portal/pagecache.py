"""Exact invalidation for everything the portal caches: the page cache for anonymous
visitors (portal.middleware.PageCacheMiddleware), the home page's sections and the
fragments of lists.

What a cached thing shows comes from the tables its queries read, so the tables are
what it depends on:

- Every SQL statement of every connection passes through `track_statement` (a database
  execute wrapper, installed when a connection opens). A write (INSERT, UPDATE,
  DELETE) marks its table; when the transaction commits (at once in autocommit), the
  version of each marked table is incremented in the shared cache. This holds for
  every service, the admin, management commands and bulk updates alike, with nothing
  to register and nothing to forget.
- While something cacheable is rendered, the tables its queries read are recorded
  (`recording()`), and it is stored with their versions as they were *before* the
  first query of the request (`snapshot()`). It is used again only while every one of
  those versions is unchanged: a write committed after the snapshot, even during the
  render, makes it stale.
- A cached fragment carries its tables into the page that uses it (and the tables the
  page had read before it, whose rows it shows), so a page built from fragments is
  exactly as fresh as one rendered in full.

Versions are counters (`incr`, never lowered); a counter that is missing (new, or
evicted by the cache) starts again at the current time in nanoseconds, a value no
stored copy can hold, so an eviction can only cause a miss, never a stale hit.

Writes made outside the portal's processes (psql, another application) are not seen:
`PAGE_CACHE_SECONDS` bounds how long such a change, or one that comes from the clock
alone (a deadline passing), can take to show.
"""

from __future__ import annotations

import atexit
import contextvars
import hashlib
import logging
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connections, transaction

logger = logging.getLogger(__name__)

KEY_PREFIX = "pc"
# Tables whose writes never change what a page shows (sessions are per visitor; the
# database cache's own table holds these very entries).
UNTRACKED_TABLES = frozenset({"django_session"})

_WRITE = re.compile(
    r"^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM|REPLACE\s+INTO)\s+\"?(\w+)\"?",
    re.IGNORECASE,
)
_READ = re.compile(r"\b(?:FROM|JOIN)\s+\"?(\w+)\"?", re.IGNORECASE)


def shared_cache() -> Any:
    return caches[settings.PAGE_CACHE_ALIAS]


@cache
def tracked_tables() -> frozenset[str]:
    """Every table of an installed model (many-to-many tables included)."""
    from django.apps import apps

    tables = {model._meta.db_table for model in apps.get_models(include_auto_created=True)}
    return frozenset(tables - UNTRACKED_TABLES)


def _table(name: str) -> str | None:
    """The tracked table a name in SQL stands for (an FTS index stands for its table)."""
    name = name.lower()
    tables = tracked_tables()
    if name in tables:
        return name
    if name.endswith("_fts") and name[:-4] in tables:
        return name[:-4]
    return None


def version_key(table: str) -> str:
    return f"{KEY_PREFIX}:t:{table}"


# --- Recording what is read -------------------------------------------------------------


@dataclass
class _State:
    snapshot: dict[str, int] | None = None
    generation: int | None = None  # the generation the snapshot was taken at
    recorders: list[set[str]] = field(default_factory=list)
    wrote: bool = False  # a write was made in this scope: what it rendered is not stored


_state: contextvars.ContextVar[_State | None] = contextvars.ContextVar("pagecache_state", default=None)


@contextmanager
def request_scope() -> Iterator[_State]:
    """One request: its own snapshot of versions, its recordings, whether it wrote."""
    state = _State()
    token = _state.set(state)
    try:
        yield state
    finally:
        _state.reset(token)


def _read_versions(tables: Any) -> dict[str, int]:
    store = shared_cache()
    keys = {version_key(table): table for table in tables}
    found = store.get_many(list(keys))
    for key in keys.keys() - found.keys():
        found[key] = _start_version(store, key)
    return {keys[key]: value for key, value in found.items()}


def current_versions(tables: Any) -> dict[str, int]:
    """These tables' versions now (one round trip)."""
    return _read_versions(tables)


GENERATION_KEY = f"{KEY_PREFIX}:gen"
# The versions of every table as this process last read them, with the generation
# they were read at: (generation, versions).
_last_read: tuple[int, dict[str, int]] | None = None


def _all_versions() -> tuple[int, dict[str, int]]:
    """The generation and every tracked table's version.

    `bump` increments the generation, then the tables' versions, after the write's
    rows are committed. While the generation is the one the process last read every
    version at, no write has been announced since, and the copy is reused: one key
    instead of a hundred (a third of a millisecond a request). The generation is read
    first, so whatever is read after it in the request is at least as new as it; a
    copy may hold a version older than the data (a miss later), never a newer one."""
    global _last_read
    store = shared_cache()
    generation = store.get(GENERATION_KEY)
    if generation is None:
        generation = _start_version(store, GENERATION_KEY)
    last = _last_read
    if last is not None and last[0] == generation:
        return last
    _last_read = (generation, _read_versions(tracked_tables()))
    return _last_read


def snapshot() -> dict[str, int]:
    """Every tracked table's version (see _all_versions); within a request, once,
    before its first query of a tracked table (see track_statement)."""
    state = _state.get()
    if state is None:
        return _all_versions()[1]
    if state.snapshot is None:
        state.generation, state.snapshot = _all_versions()
    return state.snapshot


@contextmanager
def recording() -> Iterator[set[str]]:
    """Collect the tracked tables read inside the block (an outer block sees what the
    inner ones read). Outside a request it opens a scope of its own."""
    state = _state.get()
    token = None
    if state is None:
        state = _State()
        token = _state.set(state)
    tables: set[str] = set()
    state.recorders.append(tables)
    try:
        yield tables
    finally:
        del state.recorders[next(i for i, found in enumerate(state.recorders) if found is tables)]
        for outer in state.recorders:
            outer |= tables
        if token is not None:
            _state.reset(token)


def record(tables: Any) -> None:
    """Note tables as read, as if their queries had just run (a cached fragment's)."""
    state = _state.get()
    if state is not None:
        for recorder in state.recorders:
            recorder.update(tables)


def recorded_so_far() -> set[str]:
    """What the outermost recording has seen until now."""
    state = _state.get()
    return set(state.recorders[0]) if state is not None and state.recorders else set()


# --- Marking what is written ------------------------------------------------------------


def _start_version(store: Any, key: str) -> int:
    """A new counter: the time in nanoseconds, above any value an earlier counter of the
    same key (evicted since) can have reached."""
    value = time.time_ns()
    if not store.add(key, value, timeout=None):
        found = store.get(key)
        if found is not None:
            return int(found)
        store.set(key, value, timeout=None)
    return value


def bump(tables: Any) -> None:
    """Increment the versions of these tables: whatever read them is stale."""
    store = shared_cache()
    try:
        # The generation first: a page rendered at the new generation was rendered
        # after these rows were committed (see _all_versions).
        for key in [GENERATION_KEY, *(version_key(table) for table in sorted(set(tables)))]:
            try:
                store.incr(key)
            except ValueError:
                _start_version(store, key)
    except Exception as error:  # the cache down, or its table not made yet
        # The write stands; cached pages (in the same cache) expire within
        # PAGE_CACHE_SECONDS.
        # (Quietly while `migrate` makes the database cache's table.)
        log = logger.debug if isinstance(error, DatabaseError) else logger.warning
        log("Could not invalidate the page cache for %s: %s", sorted(set(tables)), error)
    state = _state.get()
    if state is not None:
        state.snapshot = state.generation = None  # this scope's next read must see its own writes


class _PendingBumps:
    """A connection's tables written and not yet announced.

    Inside a transaction they are bumped when it commits. A write in autocommit is
    committed when its statement ends, but the caller may still be reading the
    statement's rows (an INSERT … RETURNING on SQLite): the bump, which may itself run
    SQL (the database cache), waits for the next safe point: the connection's next
    statement, the end of the request, the end of the process. Announcing a write late
    is always safe: a page read before the bump carries the older version."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.tables: set[str] = set()
        self.position = -1  # where our callback stands in connection.run_on_commit

    def add(self, table: str) -> None:
        self.tables.add(table)
        if self.connection.in_atomic_block:
            self._register()

    def _register(self) -> None:
        if not self._registered():
            self.position = len(self.connection.run_on_commit)
            transaction.on_commit(self.flush, using=self.connection.alias)

    def _registered(self) -> bool:
        """Whether our flush still waits for the commit (a savepoint rolled back drops
        the callbacks registered inside it, which moves or removes ours)."""
        hooks = self.connection.run_on_commit
        return 0 <= self.position < len(hooks) and hooks[self.position][1] == self.flush

    def settle(self) -> None:
        """At a safe point: announce what autocommit wrote, or leave it to the commit
        of the transaction now open."""
        if not self.tables:
            return
        if self.connection.in_atomic_block:
            self._register()
        else:
            self.flush()

    def flush(self) -> None:
        tables, self.tables, self.position = self.tables, set(), -1
        if tables:
            bump(tables)


def _pending(connection: Any) -> _PendingBumps:
    pending = getattr(connection, "_page_cache_pending", None)
    if pending is None:
        pending = connection._page_cache_pending = _PendingBumps(connection)
    return pending


def settle_all() -> None:
    """Announce what this thread's connections wrote in autocommit (before a request is
    answered from the cache, at its end, at the end of the process)."""
    for connection in connections.all(initialized_only=True):
        pending = getattr(connection, "_page_cache_pending", None)
        if pending is not None:
            pending.settle()


def track_statement(execute: Callable[..., Any], sql: Any, params: Any, many: bool, context: dict[str, Any]) -> Any:
    """The execute wrapper: note what the statement reads or writes, then run it."""
    text = sql if isinstance(sql, str) else str(sql)
    state = _state.get()
    pending = _pending(context["connection"])
    pending.settle()  # the previous statement is over
    written = _WRITE.match(text)
    if written:
        table = _table(written.group(1))
        result = execute(sql, params, many, context)
        if table is not None:
            if state is not None:
                state.wrote = True
            pending.add(table)
        return result
    if state is not None and state.recorders:
        tables = {table for name in _READ.findall(text) if (table := _table(name))}
        if tables:
            if state.snapshot is None:
                snapshot()  # the versions as they are before this read
            for recorder in state.recorders:
                recorder |= tables
    return execute(sql, params, many, context)


def install(connection: Any, **kwargs: Any) -> None:
    """connection_created receiver: put the wrapper on the connection (once)."""
    _install_exit_hook()
    if track_statement not in connection.execute_wrappers:
        connection.execute_wrappers.append(track_statement)


@cache
def _install_exit_hook() -> None:
    atexit.register(settle_all)


def settle_on_request_finished(**kwargs: Any) -> None:
    """request_finished receiver."""
    settle_all()


# --- Cached values that carry their tables ----------------------------------------------


@dataclass(frozen=True)
class Tracked:
    value: Any
    versions: dict[str, int]
    # The generation its versions were read at: while it is still the current one, no
    # write has been announced since and the value is fresh whatever its tables.
    generation: int | None = None


def is_fresh(versions: dict[str, int], current: dict[str, int]) -> bool:
    """Whether no table these versions were taken of has been written since."""
    return all(current.get(table) == version for table, version in versions.items())


def get_many_or_set(
    makers: dict[str, Callable[[], Any]], timeout: int | None, *, using: str | None = None
) -> dict[str, Any]:
    """Cached values by key (one round trip for all), each made again by its maker once
    any table read to make it (or, for a fragment, read before it by the page it is
    part of) has been written. `using` names the cache (the shared one by default)."""
    store = caches[using] if using else shared_cache()
    found = store.get_many(list(makers))
    current = snapshot()
    values: dict[str, Any] = {}
    for key, make in makers.items():
        entry = found.get(key)
        if isinstance(entry, Tracked) and is_fresh(entry.versions, current):
            record(entry.versions)
            values[key] = entry.value
            continue
        before = recorded_so_far()
        with recording() as tables:
            values[key] = make()
        depends = tables | before
        store.set(key, Tracked(values[key], {table: current[table] for table in depends if table in current}), timeout)
    return values


def get_or_set(key: str, make: Callable[[], Any], timeout: int | None, *, using: str | None = None) -> Any:
    """One cached value, as get_many_or_set."""
    return get_many_or_set({key: make}, timeout, using=using)[key]


def key_for(*parts: Any) -> str:
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()[:40]
    return f"{KEY_PREFIX}:v:{digest}"
