"""The search index: one row per public thing the site search finds (portal.search)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.models import BilingualMixin  # defined before portal.models imports this module


class SearchEntry(BilingualMixin, models.Model):
    """What the site search shows and matches of one public object.

    Written only by `portal.search` (from the object's kind's `document`), never by
    hand. `text` is the folded searchable text with its readings (ふくし for 福祉);
    `grams` its unigrams and bigrams as tokens, which the engine's inverted index
    holds (PostgreSQL: a GIN index over the token array; SQLite: an FTS5 table kept
    in step by triggers), so that a query of any length is answered from the index."""

    kind = models.CharField(_("kind"), max_length=40)
    object_id = models.BigIntegerField(_("object"))
    title = models.CharField(_("title"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    summary = models.CharField(_("summary"), max_length=400, blank=True)
    summary_en = models.CharField(_("summary (English)"), max_length=400, blank=True)
    path = models.CharField(_("address"), max_length=300)
    date = models.DateTimeField(_("date"), null=True, blank=True)
    visible_from = models.DateTimeField(_("visible from"), null=True, blank=True)
    expires_at = models.DateTimeField(_("visible until"), null=True, blank=True)
    fields = models.ManyToManyField("portal.ActivityField", blank=True, related_name="+", verbose_name=_("fields"))
    areas = models.ManyToManyField("portal.Area", blank=True, related_name="+", verbose_name=_("areas"))
    title_text = models.TextField(editable=False, blank=True)
    text = models.TextField(editable=False, blank=True)
    grams = models.TextField(editable=False, blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="searchentry_unique_object")]
        indexes = [models.Index(fields=["kind", "date"], name="searchentry_kind_date")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """The object's address in the active language (English under /en/)."""
        return localized_path(self.path)


def localized_path(path: str) -> str:
    language = get_language() or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE or not path.startswith("/"):
        return path
    return f"/{language}{path}"
