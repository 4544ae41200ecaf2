"""Named, chainable reads for portal models."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NoReturn

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

if TYPE_CHECKING:
    from portal.models import User


class TaxonomyQuerySet(models.QuerySet):
    def active(self) -> TaxonomyQuerySet:
        return self.filter(is_active=True)


class NewsQuerySet(models.QuerySet):
    def published(self, now: Any = None) -> NewsQuerySet:
        now = now or timezone.now()
        return self.filter(publish_at__lte=now).filter(
            models.Q(unpublish_at__isnull=True) | models.Q(unpublish_at__gt=now)
        )

    def visible_to(self, user: User) -> NewsQuerySet:
        """Staff who manage news also see scheduled and expired items (preview)."""
        if user.is_authenticated and user.has_perm("portal.change_news"):
            return self.all()
        return self.published()


class InfoPageQuerySet(models.QuerySet):
    def published(self) -> InfoPageQuerySet:
        return self.filter(is_published=True)

    def visible_to(self, user: User) -> InfoPageQuerySet:
        if user.is_authenticated and user.has_perm("portal.change_infopage"):
            return self.all()
        return self.published()


class FaqQuerySet(models.QuerySet):
    def published(self) -> FaqQuerySet:
        return self.filter(is_published=True)


class AuditLogQuerySet(models.QuerySet):
    """Append-only: bulk update and delete are refused."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise ValidationError("Audit log entries cannot be changed.")

    def delete(self) -> NoReturn:
        raise ValidationError("Audit log entries cannot be deleted.")

    def for_list(self) -> AuditLogQuerySet:
        return self.select_related("actor", "target_type")

    def for_target(self, obj: models.Model) -> AuditLogQuerySet:
        from django.contrib.contenttypes.models import ContentType

        return self.filter(target_type=ContentType.objects.get_for_model(obj), target_id=str(obj.pk))
