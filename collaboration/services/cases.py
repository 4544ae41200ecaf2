"""The case library (協働事例集): window staff and 協働リポーター write cases with the
seeds' fixed fields, publish and unpublish them, and add photos with their alternative
text. Every write is atomic, checked against `case_policy` and audited; a refusal is a
`ValidationError` with a code and writes nothing."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from collaboration.models import CasePhoto, CaseStudy, CollaborationForm, Domain, Project
from collaboration.permissions import case_policy, is_case_reporter, is_window_staff, project_policy
from portal.audit import audit_log
from portal.models import ActivityField

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from portal.models import User

__all__ = [
    "CASE_TEXT_FIELDS",
    "MAX_PHOTOS",
    "MAX_PHOTO_BYTES",
    "MAX_PHOTO_SIDE",
    "can_write_cases",
    "case_create",
    "case_publish",
    "case_state",
    "case_unpublish",
    "case_update",
    "photo_add",
    "photo_delete",
    "validate_photo",
]

# The seeds' fixed fields, in the order the case page shows them.
CASE_TEXT_FIELDS = ("content", "effects", "went_well", "difficulties", "improvements")
REQUIRED_FIELDS = ("title", *CASE_TEXT_FIELDS)
OPTIONAL_FIELDS = ("title_en", *(f"{name}_en" for name in CASE_TEXT_FIELDS))
MAX_PHOTOS = 10
MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_PHOTO_SIDE = 6000
PHOTO_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png"}

DRAFT = "draft"
PUBLISHED = "published"


def can_write_cases(user: Any) -> bool:
    """Window staff and active 協働リポーター write cases."""
    return is_window_staff(user) or is_case_reporter(user)


def case_state(case: CaseStudy) -> str:
    return PUBLISHED if case.published_at else DRAFT


def _lock(case: CaseStudy) -> CaseStudy:
    return CaseStudy.objects.select_for_update(of=("self",)).select_related("form", "project").get(pk=case.pk)


def _clean_data(actor: User, data: dict[str, Any]) -> dict[str, Any]:
    """The case's fields from `data`, or a ValidationError naming each bad one."""
    errors: dict[str, ValidationError] = {}
    cleaned: dict[str, Any] = {}
    for name in REQUIRED_FIELDS + OPTIONAL_FIELDS:
        value = str(data.get(name) or "").strip()
        if "\x00" in value:
            errors[name] = ValidationError(_("Remove the null characters."), code="null")
            continue
        if name in REQUIRED_FIELDS and not value:
            errors[name] = ValidationError(_("Fill in this field."), code="required")
            continue
        limit = CaseStudy._meta.get_field(name).max_length or 4000
        if len(value) > limit:
            errors[name] = ValidationError(
                _("Write at most %(limit)d characters.") % {"limit": limit}, code="max_length"
            )
            continue
        if name in ("title", "title_en") and ("\n" in value or "\r" in value):
            errors[name] = ValidationError(_("Write the title on one line."), code="line_break")
            continue
        cleaned[name] = value
    form = data.get("form")
    if not isinstance(form, CollaborationForm) or not form.is_active:
        errors["form"] = ValidationError(_("Choose the form of collaboration."), code="form")
    else:
        cleaned["form"] = form
    domain = data.get("domain")
    try:
        domain = int(domain)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        domain = None
    if domain not in Domain.values:
        errors["domain"] = ValidationError(_("Choose the domain of collaboration."), code="domain")
    else:
        cleaned["domain"] = domain
    project = data.get("project")
    if project is not None:
        if not isinstance(project, Project) or not project_policy.visible_to(actor).filter(pk=project.pk).exists():
            errors["project"] = ValidationError(_("Choose a project from the list."), code="project")
        else:
            cleaned["project"] = project
    else:
        cleaned["project"] = None
    if errors:
        raise ValidationError(errors)
    return cleaned


def _clean_fields(fields: Iterable[ActivityField] | None) -> list[ActivityField]:
    chosen = list(fields or [])
    active = set(ActivityField.objects.active().filter(pk__in=[f.pk for f in chosen]).values_list("pk", flat=True))
    if any(f.pk not in active for f in chosen):
        raise ValidationError({"fields": ValidationError(_("Choose fields from the list."), code="fields")})
    return chosen


def _new_slug() -> str:
    while True:
        slug = f"case-{timezone.localdate():%Y%m%d}-{secrets.token_hex(3)}"
        if not CaseStudy.objects.filter(slug=slug).exists():
            return slug


@transaction.atomic
def case_create(
    *,
    actor: User,
    data: dict[str, Any],
    fields: Iterable[ActivityField] | None = None,
    slug: str | None = None,
) -> CaseStudy:
    """A draft case by window staff or a 協働リポーター (its author)."""
    if not can_write_cases(actor):
        raise PermissionDenied
    cleaned = _clean_data(actor, data)
    chosen = _clean_fields(fields)
    if slug is not None and CaseStudy.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": ValidationError(_("This address is already used."), code="slug_taken")})
    case = CaseStudy(**cleaned, slug=slug or _new_slug(), author=actor)
    case.full_clean(exclude=["fields"])
    case.save()
    case.fields.set(chosen)
    audit_log(actor=actor, action="collaboration.case.created", target=case, data={"title": case.title})
    return case


@transaction.atomic
def case_update(
    *, case: CaseStudy, actor: User, data: dict[str, Any], fields: Iterable[ActivityField] | None = None
) -> CaseStudy:
    """Changes the case's text, form, domain, fields and project (its author or the window)."""
    case = _lock(case)
    case_policy.ensure(actor, "edit", case)
    cleaned = _clean_data(actor, data)
    chosen = _clean_fields(fields)
    changed = [name for name, value in cleaned.items() if getattr(case, name) != value]
    for name, value in cleaned.items():
        setattr(case, name, value)
    case.full_clean(exclude=["fields"])
    case.save(update_fields=[*cleaned, "updated_at"])
    before = set(case.fields.values_list("pk", flat=True))
    if before != {f.pk for f in chosen}:
        case.fields.set(chosen)
        changed.append("fields")
    audit_log(actor=actor, action="collaboration.case.updated", target=case, data={"fields": changed})
    return case


def _ensure_seen(case: CaseStudy, expected: str | None) -> None:
    current = case_state(case)
    if expected is not None and expected != current:
        message = (
            _("This case has been published in the meantime; the page now shows it as it is.")
            if current == PUBLISHED
            else _("This case has been taken off the library in the meantime; the page now shows it as it is.")
        )
        raise ValidationError(message, code="stale")


@transaction.atomic
def case_publish(*, case: CaseStudy, actor: User, expected_state: str | None = None) -> CaseStudy:
    """Shows the case in the public library (its author or the window)."""
    case = _lock(case)
    case_policy.ensure(actor, "edit", case)
    _ensure_seen(case, expected_state)
    if case.published_at is not None:
        raise ValidationError(_("This case is already published."), code="already_published")
    case.published_at = timezone.now()
    case.save(update_fields=["published_at", "updated_at"])
    audit_log(
        actor=actor,
        action="collaboration.case.published",
        target=case,
        data={"old": DRAFT, "new": PUBLISHED},
    )
    return case


@transaction.atomic
def case_unpublish(*, case: CaseStudy, actor: User, expected_state: str | None = None) -> CaseStudy:
    """Takes the case off the public library; it becomes a draft again."""
    case = _lock(case)
    case_policy.ensure(actor, "edit", case)
    _ensure_seen(case, expected_state)
    if case.published_at is None:
        raise ValidationError(_("This case is not published."), code="not_published")
    case.published_at = None
    case.save(update_fields=["published_at", "updated_at"])
    audit_log(
        actor=actor,
        action="collaboration.case.unpublished",
        target=case,
        data={"old": PUBLISHED, "new": DRAFT},
    )
    return case


# --- Photos ---------------------------------------------------------------------------------


def validate_photo(upload: UploadedFile | None) -> tuple[str, int, int]:
    """A JPEG or PNG of at most 5 MB and 6000 × 6000 pixels, checked by opening and
    verifying it with Pillow (a renamed file is refused). Returns (content type, width,
    height)."""
    if upload is None:
        raise ValidationError({"image": ValidationError(_("Choose a photo to upload."), code="required")})
    if (upload.size or 0) > MAX_PHOTO_BYTES:
        raise ValidationError(
            {"image": ValidationError(_("The photo is larger than 5 MB; make it smaller."), code="too_large")}
        )
    not_image = ValidationError(
        {"image": ValidationError(_("Upload a JPEG or PNG photo; this file is not one."), code="not_image")}
    )
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            kind = image.format
            width, height = image.size
            if kind not in PHOTO_TYPES:
                raise not_image
            if width > MAX_PHOTO_SIDE or height > MAX_PHOTO_SIDE or width < 1 or height < 1:
                raise ValidationError(
                    {
                        "image": ValidationError(
                            _("The photo may be at most %(side)d × %(side)d pixels.") % {"side": MAX_PHOTO_SIDE},
                            code="too_many_pixels",
                        )
                    }
                )
            image.verify()
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError) as error:
        raise not_image from error
    finally:
        upload.seek(0)
    return PHOTO_TYPES[kind], width, height


def _clean_alt(value: Any, name: str, *, required: bool) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise ValidationError(
            {
                name: ValidationError(
                    _("Describe the photo for people who cannot see it (alternative text)."), code="alt_required"
                )
            }
        )
    if "\x00" in text or "\n" in text or "\r" in text:
        raise ValidationError({name: ValidationError(_("Write this on one line."), code="line_break")})
    if len(text) > 200:
        raise ValidationError({name: ValidationError(_("Write at most 200 characters."), code="max_length")})
    return text


@transaction.atomic
def photo_add(
    *,
    case: CaseStudy,
    actor: User,
    upload: UploadedFile | None,
    alt: str,
    alt_en: str = "",
    caption: str = "",
) -> CasePhoto:
    """A photo of the case with its required alternative text (at most ten a case)."""
    case = _lock(case)
    case_policy.ensure(actor, "edit", case)
    alt = _clean_alt(alt, "alt", required=True)
    alt_en = _clean_alt(alt_en, "alt_en", required=False)
    caption = _clean_alt(caption, "caption", required=False)
    if case.photos.count() >= MAX_PHOTOS:
        raise ValidationError(
            _("A case may have at most %(count)d photos; remove one first.") % {"count": MAX_PHOTOS},
            code="too_many_photos",
        )
    content_type, width, height = validate_photo(upload)
    assert upload is not None
    last = case.photos.order_by("-order").values_list("order", flat=True).first()
    photo = CasePhoto(
        case=case,
        content_type=content_type,
        alt=alt,
        alt_en=alt_en,
        caption=caption,
        order=0 if last is None else last + 1,
    )
    photo.image.save(upload.name or "photo", upload, save=False)
    stored = photo.image.name
    storage = photo.image.storage
    try:
        photo.save()
    except Exception:
        storage.delete(stored)
        raise
    audit_log(
        actor=actor,
        action="collaboration.case.photo_added",
        target=case,
        data={"alt": alt, "size": f"{width}×{height}"},
    )
    return photo


@transaction.atomic
def photo_delete(*, photo: CasePhoto, actor: User) -> None:
    case = _lock(photo.case)
    case_policy.ensure(actor, "edit", case)
    alt = photo.alt
    file_name = photo.image.name
    storage = photo.image.storage
    photo.delete()
    transaction.on_commit(lambda: storage.delete(file_name))
    audit_log(actor=actor, action="collaboration.case.photo_deleted", target=case, data={"alt": alt})
