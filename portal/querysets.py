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


class StaffPreviewQuerySet(models.QuerySet):
    """Staff who may change the content also see what is not public (preview)."""

    manage_permission = ""

    def published(self) -> StaffPreviewQuerySet:
        raise NotImplementedError

    def visible_to(self, user: User) -> StaffPreviewQuerySet:
        if user.is_authenticated and user.has_perm(self.manage_permission):
            return self.all()
        return self.published()


class NewsQuerySet(StaffPreviewQuerySet):
    manage_permission = "portal.change_news"

    def published(self, now: Any = None) -> NewsQuerySet:
        now = now or timezone.now()
        return self.filter(publish_at__lte=now).filter(
            models.Q(unpublish_at__isnull=True) | models.Q(unpublish_at__gt=now)
        )


class InfoPageQuerySet(StaffPreviewQuerySet):
    manage_permission = "portal.change_infopage"

    def published(self) -> InfoPageQuerySet:
        return self.filter(is_published=True)


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
