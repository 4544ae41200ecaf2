"""One search over the portal's public content, understanding Japanese readings.

Each app registers the kinds of things it publishes (`register(Kind(...))`, from its
`AppConfig.ready`): how to turn one object into a `Document` (title, summary, address,
searchable text, fields and areas, dates), or `None` when it is not public. The index
(`SearchEntry`) is written here only:

- when an object of a registered kind is saved or deleted, its entry is rewritten
  after the transaction commits (once per object per transaction; Wagtail's search
  index is kept the same way), and the entries of the objects that show it (a group's
  events show the group's name) with it;
- `rebuild()` (``manage.py rebuild_search_index``) writes every entry afresh; bulk
  loads run inside `deferred()` and rebuild once at the end.

Text is folded (portal.text.fold: NFKC width, case, katakana→hiragana) and indexed
with its readings, computed when it is saved by SudachiPy's morphological analyser
with its core dictionary: 福祉 is also indexed as ふくし, so ふくし and フクシ find it.
A query matches when every term is a substring of the text. The engine's inverted
index over the text's unigrams and bigrams answers it for terms of any length, one and
two characters included (see `portal.lookups.GramsMatch`); terms of three characters
or more are then checked against the text itself.

The same matching backs every public list's `q` (`filter_queryset`).
"""

from __future__ import annotations

import functools
import itertools
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connection, models, transaction
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.signals import post_delete, post_save
from django.utils import timezone, translation
from django.utils.functional import Promise

from portal.models import SearchEntry
from portal.text import fold, search_terms

# The PostgreSQL index over the tokens and the kind (migrations portal 0012, 0014, 0015).
GIN_INDEX = "searchentry_grams_gin"
GIN_INDEX_SQL = f"CREATE INDEX {GIN_INDEX} ON portal_searchentry USING gin (portal_grams(kind, grams))"
# How much of each part of an object's text is indexed, and of all of it (the rest of a
# long description adds little and would make every entry's token list longer).
PART_LIMIT = 400
TEXT_LIMIT = 2000


# --- Readings --------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _tokenizer() -> Any:
    """SudachiPy's tokenizer over its core dictionary, loaded on first use (about
    0.1 s; the dictionary is memory-mapped and shared between processes)."""
    from sudachipy import Dictionary

    return Dictionary(dict="core").tokenizer()


_tokenizer_lock = threading.Lock()


def _has_kanji(text: str) -> bool:
    return any("\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" for char in text)


@functools.lru_cache(maxsize=8192)
def reading(text: str) -> str:
    """The reading of `text` in hiragana (福祉の活動 → ふくしのかつどう), or "" when it
    has no kanji (kana and Latin text are matched as they are written)."""
    if not text or not _has_kanji(text):
        return ""
    with _tokenizer_lock:  # a SudachiPy tokenizer is not meant to be shared by threads
        morphemes = _tokenizer().tokenize(text[:TEXT_LIMIT])
        kana = "".join(morpheme.reading_form() for morpheme in morphemes)
    return fold(kana)


def index_text(*parts: str | None, limit: int = PART_LIMIT) -> str:
    """The searchable form of `parts`: each folded (its first `limit` characters),
    followed by its reading; at most TEXT_LIMIT characters in all."""
    pieces: list[str] = []
    for part in parts:
        folded = fold(part)[:limit]
        if not folded:
            continue
        pieces.append(folded)
        spoken = reading(folded)
        if spoken and spoken != folded:
            pieces.append(spoken)
    return " ".join(pieces)[:TEXT_LIMIT]


# --- Grams ------------------------------------------------------------------------------


@functools.lru_cache(maxsize=65536)
def _hex(char: str) -> str:
    return f"{ord(char):05x}"


def _unigram(char: str) -> str:
    return "u" + _hex(char)


def _bigram(pair: str) -> str:
    return "b" + _hex(pair[0]) + _hex(pair[1])


def text_grams(text: str) -> str:
    """The tokens of the inverted index: every character and every pair of adjacent
    characters of each word of `text`, as ASCII tokens (no tokenizer can split them)."""
    chars: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    for word in text.split(" "):
        chars.update(word)
        pairs.update(itertools.pairwise(word))
    tokens = ["u" + _hex(char) for char in chars]
    tokens += ["b" + _hex(first) + _hex(second) for first, second in pairs]
    tokens.sort()
    return " ".join(tokens)


def term_grams(term: str) -> list[str]:
    """The tokens an entry must hold to contain `term` (a folded word)."""
    if len(term) == 1:
        return [_unigram(term)]
    return sorted({_bigram(term[i : i + 2]) for i in range(len(term) - 1)})


def kind_token(key: str) -> str:
    """The token that stands for an entry's kind in the PostgreSQL index (its function
    `portal_grams(kind, grams)` adds it; migration portal 0015), so that one kind's
    matches are read from that index alone. No gram starts with "k"."""
    return "k" + key


def end_of_day(day: date | None) -> datetime | None:
    """The moment a local `day` ends (a document that expires "on" a deadline day)."""
    if day is None:
        return None
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=timezone.get_current_timezone())


def names(objects: Iterable[Any]) -> list[str]:
    """The Japanese and English names of taxonomy objects (fields, areas), as texts."""
    return [name for obj in objects for name in (obj.name, getattr(obj, "name_en", ""))]


# --- Registry ---------------------------------------------------------------------------


@dataclass
class Document:
    """What the index keeps of one public object."""

    title: str
    path: str
    texts: list[str]
    title_en: str = ""
    summary: str = ""
    summary_en: str = ""
    date: datetime | None = None
    visible_from: datetime | None = None
    expires_at: datetime | None = None
    field_ids: list[int] = field(default_factory=list)
    area_ids: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Kind:
    """A kind of thing the search finds.

    - `key`: "app.model"-like, stored in each entry;
    - `label`: the plural heading of the kind's results (lazy);
    - `model`: the model whose saves and deletes re-index it;
    - `document(obj)`: its `Document`, or None when it is not public;
    - `queryset()`: every object to index on a rebuild, with what `document` reads;
    - `related(obj)`: objects of other kinds whose documents show `obj` (optional);
    - `list_url`: the name of the kind's own list, which takes the same `q` (optional).
    """

    key: str
    label: Promise | str
    model: type[models.Model]
    document: Callable[[Any], Document | None]
    queryset: Callable[[], QuerySet[Any]]
    order: int = 100
    related: Callable[[Any], Iterable[models.Model]] | None = None
    list_url: str = ""


_KINDS: dict[str, Kind] = {}
_BY_MODEL: dict[type[models.Model], list[Kind]] = {}
_DEPENDENTS: dict[type[models.Model], list[Callable[[Any], Iterable[models.Model]]]] = {}


def register(*kinds: Kind) -> None:
    """Register kinds (idempotent per key) and keep their entries in step with saves."""
    for kind in kinds:
        if kind.key in _KINDS:
            continue
        _KINDS[kind.key] = kind
        _BY_MODEL.setdefault(kind.model, []).append(kind)
        _connect(kind.model)


def register_dependents(model: type[models.Model], related: Callable[[Any], Iterable[models.Model]]) -> None:
    """When an object of `model` (not itself indexed, e.g. a group's field) changes,
    re-index the objects `related(obj)` returns."""
    _DEPENDENTS.setdefault(model, []).append(related)
    _connect(model)


def kinds() -> list[Kind]:
    return sorted(_KINDS.values(), key=lambda kind: (kind.order, kind.key))


def get_kind(key: str) -> Kind | None:
    return _KINDS.get(key)


def kind_of(model: type[models.Model]) -> Kind:
    return _BY_MODEL[model][0]


# --- Keeping the index in step ------------------------------------------------------------

_state = threading.local()


def _pending() -> set[tuple[type[models.Model], int]]:
    if not hasattr(_state, "pending"):
        _state.pending = set()
    return _state.pending


@contextmanager
def deferred() -> Iterator[None]:
    """Do not index while bulk data is loaded (the caller rebuilds afterwards)."""
    previous = getattr(_state, "off", False)
    _state.off = True
    try:
        yield
    finally:
        _state.off = previous


def _connect(model: type[models.Model]) -> None:
    uid = f"portal.search:{model._meta.label}"
    post_save.connect(_on_change, sender=model, dispatch_uid=uid + ":save")
    post_delete.connect(_on_change, sender=model, dispatch_uid=uid + ":delete")


def _on_change(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if getattr(_state, "off", False) or kwargs.get("raw"):
        return
    schedule(instance)


def schedule(instance: models.Model) -> None:
    """Re-index `instance` (and what shows it) once the transaction commits. Services
    that change an indexed object without saving it (a queryset update, a many-to-many
    change) call this themselves."""
    if getattr(_state, "off", False):
        return
    _pending().add((type(instance), instance.pk))
    # One flush per transaction. Whether it is still to run is asked of the connection, not
    # of the pending set: after a rollback the set keeps its items but the flush is gone
    # (a new one is then registered, and the leftover items are re-indexed harmlessly).
    registered = getattr(_state, "flush", None)
    connection = transaction.get_connection()
    if registered is None or not any(callback is registered for _s, callback, _r in connection.run_on_commit):

        def flush() -> None:
            if getattr(_state, "flush", None) is flush:
                _state.flush = None
            _flush()

        _state.flush = flush
        transaction.on_commit(flush)


def _flush() -> None:
    pending = _pending()
    items = list(pending)
    pending.clear()
    by_model: dict[type[models.Model], set[int]] = {}
    for model, pk in items:
        by_model.setdefault(model, set()).add(pk)
    for model, pks in by_model.items():
        reindex(model, pks)


def reindex(model: type[models.Model], pks: Iterable[int], *, follow: bool = True) -> None:
    """Rewrite the entries of the `model` objects `pks` (deleting those that are gone or
    no longer public), then those of the objects that show them."""
    pks = set(pks)
    for kind in _BY_MODEL.get(model, []):
        objects = {obj.pk: obj for obj in kind.queryset().filter(pk__in=pks)}
        _write(kind, [(pk, objects.get(pk)) for pk in pks])
    if not follow:
        return
    related: dict[type[models.Model], set[int]] = {}
    sources = list(model._default_manager.filter(pk__in=pks))
    for obj in sources:
        for kind in _BY_MODEL.get(model, []):
            for other in kind.related(obj) if kind.related else ():
                related.setdefault(type(other), set()).add(other.pk)
        for follow_related in _DEPENDENTS.get(model, []):
            for other in follow_related(obj):
                related.setdefault(type(other), set()).add(other.pk)
    for other_model, other_pks in related.items():
        reindex(other_model, other_pks, follow=False)


def prune(now: datetime | None = None) -> int:
    """Delete the entries that have expired (past events, closed openings): the
    queries skip them anyway; pruning keeps the index to what is current. Run daily
    (``manage.py rebuild_search_index --prune``)."""
    deleted, _by_model = SearchEntry.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted


@transaction.atomic
def rebuild(keys: Iterable[str] | None = None, *, batch: int = 500) -> dict[str, int]:
    """Write every entry of the given kinds (all by default) afresh. Returns the count
    of entries per kind. A full rebuild on PostgreSQL builds the GIN index once at the
    end rather than row by row (several times faster)."""
    bulk = keys is None and connection.vendor == "postgresql"
    if bulk:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")
    counts = _rebuild(keys, batch)
    if bulk:
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no deferred checks may be pending
            cursor.execute(GIN_INDEX_SQL)
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    return counts


def _rebuild(keys: Iterable[str] | None, batch: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    for kind in kinds():
        if keys is not None and kind.key not in keys:
            continue
        SearchEntry.objects.filter(kind=kind.key).delete()
        written = 0
        chunk: list[tuple[int, Any]] = []
        for obj in kind.queryset().order_by("pk").iterator(chunk_size=batch):
            chunk.append((obj.pk, obj))
            if len(chunk) >= batch:
                written += _write(kind, chunk, fresh=True)
                chunk = []
        if chunk:
            written += _write(kind, chunk, fresh=True)
        counts[kind.key] = written
    return counts


def _entry(kind: Kind, pk: int, doc: Document) -> SearchEntry:
    title_text = index_text(doc.title, doc.title_en)
    text = index_text(doc.title, doc.title_en, *doc.texts)
    return SearchEntry(
        kind=kind.key,
        object_id=pk,
        title=doc.title[:300],
        title_en=doc.title_en[:300],
        summary=_shorten(doc.summary, 400),
        summary_en=_shorten(doc.summary_en, 400),
        path=doc.path[:300],
        date=doc.date,
        visible_from=doc.visible_from,
        expires_at=doc.expires_at,
        title_text=title_text,
        text=text,
        grams=text_grams(text),
    )


def _shorten(text: str, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@transaction.atomic
def _write(kind: Kind, items: list[tuple[int, Any]], *, fresh: bool = False) -> int:
    now = timezone.now()
    with translation.override("ja"):  # addresses are stored without the /en/ prefix
        documents = {pk: kind.document(obj) if obj is not None else None for pk, obj in items}
    # What has expired (a past event, a closed opening) leaves the index.
    documents = {
        pk: doc if doc is None or doc.expires_at is None or doc.expires_at > now else None
        for pk, doc in documents.items()
    }
    if not fresh:
        SearchEntry.objects.filter(kind=kind.key, object_id__in=list(documents)).delete()
    entries = [_entry(kind, pk, doc) for pk, doc in documents.items() if doc is not None]
    created = SearchEntry.objects.bulk_create(entries)
    if not created:
        return 0
    if created[0].pk is None:  # engines that do not return ids from a bulk insert
        ids = dict(
            SearchEntry.objects.filter(kind=kind.key, object_id__in=[e.object_id for e in created]).values_list(
                "object_id", "pk"
            )
        )
        for entry in created:
            entry.pk = ids[entry.object_id]
    field_links, area_links = [], []
    for entry in created:
        doc = documents[entry.object_id]
        assert doc is not None
        field_links += [SearchEntry.fields.through(searchentry_id=entry.pk, activityfield_id=f) for f in doc.field_ids]
        area_links += [SearchEntry.areas.through(searchentry_id=entry.pk, area_id=a) for a in doc.area_ids]
    SearchEntry.fields.through.objects.bulk_create(field_links, ignore_conflicts=True)
    SearchEntry.areas.through.objects.bulk_create(area_links, ignore_conflicts=True)
    return len(created)


# --- Querying -------------------------------------------------------------------------------


def current(entries: QuerySet[SearchEntry], now: datetime | None = None) -> QuerySet[SearchEntry]:
    """Entries that are visible now (published, not expired)."""
    now = now or timezone.now()
    return entries.filter(Q(visible_from__isnull=True) | Q(visible_from__lte=now)).filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=now)
    )


def matching(query: str | None, *, kind: str | None = None) -> QuerySet[SearchEntry]:
    """Entries whose text holds every term of `query` (all entries when it has none)."""
    entries = SearchEntry.objects.all()
    terms = search_terms(query)
    if not terms:
        return entries if kind is None else entries.filter(kind=kind)
    # One condition on the index for every term's tokens and the kind: with the kind
    # apart, the planner may read the kind's entries and test each one's tokens.
    tokens = {token for term in terms for token in term_grams(term)}
    if kind is not None:
        tokens.add(kind_token(kind))
    entries = entries.filter(grams__grams_match=sorted(tokens))
    for term in terms:
        if len(term) > 2:
            entries = entries.filter(text__folded_contains=term)
    return entries


def filter_queryset(queryset: QuerySet[Any], query: str | None, *, kind: str | None = None) -> QuerySet[Any]:
    """`queryset` narrowed to the objects whose entry matches `query` (a list's `q`)."""
    if not search_terms(query):
        return queryset
    key = kind or kind_of(queryset.model).key
    return queryset.filter(pk__in=matching(query, kind=key).values("object_id"))


# --- The site search's results: one pass, bounded ------------------------------------------

# A query reads at most this many matching entries: counts beyond it are shown as
# "N or more" (a one-character query like の matches nearly everything, and counting
# all of it would cost more than the page is worth).
SCAN_CAP = 1000

RANKED_SQL = (
    "SELECT id, kind, n FROM ("
    " SELECT id, kind, COUNT(*) OVER (PARTITION BY kind) AS n,"
    " ROW_NUMBER() OVER (PARTITION BY kind ORDER BY title_rank, date DESC NULLS LAST, id DESC) AS rn"
    " FROM ({inner}) hits) ranked WHERE rn <= %s"
)


def load(ids: list[int]) -> dict[int, SearchEntry]:
    """The entries `ids` as the results show them, by id: without the text and tokens
    they were matched by (the tokens alone are some 4 kB an entry, stored apart)."""
    return SearchEntry.objects.defer("title_text", "text", "grams").in_bulk(ids)


@dataclass
class KindResults:
    kind: Kind
    count: int
    entries: list[SearchEntry]


@dataclass
class Results:
    query: str
    groups: list[KindResults]
    total: int
    capped: bool  # more matches than SCAN_CAP: the counts are lower bounds

    def group(self, key: str) -> KindResults | None:
        return next((group for group in self.groups if group.kind.key == key), None)


def _narrowed(
    query: str | None, *, kind: str | None, field: int | None, area: int | None, now: datetime | None
) -> QuerySet[SearchEntry]:
    entries = current(matching(query, kind=kind), now)
    if field is not None:
        entries = entries.filter(fields=field)
    if area is not None:
        entries = entries.filter(areas=area)
    return entries


def _ranked(query: str | None, entries: QuerySet[SearchEntry]) -> QuerySet[SearchEntry]:
    """`entries` with `title_rank`: 0 when the title holds every term, else 1."""
    terms = search_terms(query)
    if not terms:
        return entries.annotate(title_rank=Value(1, output_field=IntegerField()))
    title_hit = Q()
    for term in terms:
        title_hit &= Q(title_text__folded_contains=term)
    return entries.annotate(
        title_rank=Case(When(title_hit, then=Value(0)), default=Value(1), output_field=IntegerField())
    )


# One kind's results in order, from at most `cap` matches (as RANKED_SQL ranks them).
KIND_SQL = "SELECT id FROM ({inner}) hits ORDER BY title_rank, date DESC NULLS LAST, id DESC"


def results(
    query: str | None,
    *,
    kind: str | None = None,
    field: int | None = None,
    area: int | None = None,
    per_kind: int = 5,
    cap: int = SCAN_CAP,
    now: datetime | None = None,
) -> Results:
    """The matches of `query` grouped by kind: each kind's count and its first
    `per_kind` entries (those whose title holds the terms first, then the nearest
    date). Two queries whatever the data: one pass over at most `cap` matching entries
    (counted and ranked with window functions) and one to load the entries shown."""
    hits = _ranked(query, _narrowed(query, kind=kind, field=field, area=area, now=now))
    inner_sql, params = hits.order_by().values("id", "kind", "date", "title_rank")[:cap].query.sql_with_params()
    # The inner SQL is the ORM's own (with its parameters); nothing here comes from input.
    sql = RANKED_SQL.format(inner=inner_sql)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, per_kind])
        rows = cursor.fetchall()
    counts: dict[str, int] = {}
    shown: dict[str, list[int]] = {}
    for pk, key, n in rows:
        counts[key] = n
        shown.setdefault(key, []).append(pk)
    loaded = load([pk for pks in shown.values() for pk in pks]) if rows else {}
    groups = [
        KindResults(kind=k, count=counts[k.key], entries=[loaded[pk] for pk in shown[k.key] if pk in loaded])
        for k in kinds()
        if k.key in counts
    ]
    total = sum(counts.values())
    return Results(query=query or "", groups=groups, total=total, capped=total >= cap)


def kind_entries(
    query: str | None,
    *,
    kind: str,
    field: int | None = None,
    area: int | None = None,
    cap: int = SCAN_CAP,
    now: datetime | None = None,
) -> list[int]:
    """The ids of one kind's matching entries in result order (at most `cap`): page
    through them with a paginator and load one page with `load`."""
    hits = _ranked(query, _narrowed(query, kind=kind, field=field, area=area, now=now))
    inner_sql, params = hits.order_by().values("id", "date", "title_rank")[:cap].query.sql_with_params()
    # The inner SQL is the ORM's own (with its parameters); nothing here comes from input.
    with connection.cursor() as cursor:
        cursor.execute(KIND_SQL.format(inner=inner_sql), params)
        return [pk for (pk,) in cursor.fetchall()]
