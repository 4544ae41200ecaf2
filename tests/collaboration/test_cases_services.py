"""The case library's services: who may write, publish and add photos, each refusal
(with nothing written) and the audit trail."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from collaboration.models import CasePhoto, CaseReporter, CaseStudy, CollaborationForm
from collaboration.services import cases as services
from portal.models import AuditLogEntry
from tests.factories.collaboration import (
    case_data,
    case_reporter,
    create_case,
    create_project,
    photo_upload,
)
from tests.factories.groups import default_taxonomy

pytestmark = pytest.mark.django_db


@pytest.fixture
def window(role_users: dict[str, Any]) -> Any:
    return role_users["city_staff"]


@pytest.fixture
def reporter(db: Any) -> Any:
    return case_reporter()


def _codes(error: ValidationError) -> dict[str, list[str]]:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


def test_case_create__reporter__draft_with_fields_audited(reporter: Any) -> None:
    [field], _ = default_taxonomy()
    case = services.case_create(actor=reporter, data=case_data(), fields=[field])
    assert case.author == reporter
    assert case.published_at is None
    assert list(case.fields.all()) == [field]
    assert case.slug.startswith("case-")
    assert AuditLogEntry.objects.filter(action="collaboration.case.created", actor=reporter).count() == 1


def test_case_create__window_staff__allowed(window: Any) -> None:
    case = services.case_create(actor=window, data=case_data())
    assert case.author == window


@pytest.mark.parametrize("role", ["citizen", "member", "centre_staff", "reviewer"])
def test_case_create__not_a_writer__refused(role_users: dict[str, Any], role: str) -> None:
    with pytest.raises(PermissionDenied):
        services.case_create(actor=role_users[role], data=case_data())
    assert not CaseStudy.objects.exists()


def test_case_create__inactive_reporter__refused(reporter: Any) -> None:
    CaseReporter.objects.filter(user=reporter).update(is_active=False)
    reporter = type(reporter).objects.get(pk=reporter.pk)
    with pytest.raises(PermissionDenied):
        services.case_create(actor=reporter, data=case_data())


@pytest.mark.parametrize("name", ["title", "content", "effects", "went_well", "difficulties", "improvements"])
@pytest.mark.parametrize("value", ["", "   \n "])
def test_case_create__fixed_field_empty__refused(reporter: Any, name: str, value: str) -> None:
    with pytest.raises(ValidationError) as caught:
        services.case_create(actor=reporter, data=case_data(**{name: value}))
    assert _codes(caught.value) == {name: ["required"]}
    assert not CaseStudy.objects.exists()


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"title": "a\nb"}, {"title": ["line_break"]}),
        ({"content": "x" * 4001}, {"content": ["max_length"]}),
        ({"effects": "a\x00b"}, {"effects": ["null"]}),
        ({"domain": 9}, {"domain": ["domain"]}),
        ({"domain": "x"}, {"domain": ["domain"]}),
        ({"form": None}, {"form": ["form"]}),
    ],
)
def test_case_create__bad_values__refused(reporter: Any, changes: dict[str, Any], expected: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        services.case_create(actor=reporter, data=case_data(**changes))
    assert _codes(caught.value) == expected
    assert not CaseStudy.objects.exists()


def test_case_create__retired_form__refused(reporter: Any) -> None:
    form = CollaborationForm.objects.get(code="adopt")
    form.is_active = False
    form.save()
    with pytest.raises(ValidationError) as caught:
        services.case_create(actor=reporter, data=case_data(form=form))
    assert _codes(caught.value) == {"form": ["form"]}


def test_case_create__project_the_reporter_cannot_see__refused(reporter: Any) -> None:
    hidden = create_project(is_published=False)
    with pytest.raises(ValidationError) as caught:
        services.case_create(actor=reporter, data=case_data(project=hidden))
    assert _codes(caught.value) == {"project": ["project"]}
    shown = create_project()
    assert services.case_create(actor=reporter, data=case_data(project=shown)).project == shown


def test_case_create__inactive_field__refused(reporter: Any) -> None:
    [field], _ = default_taxonomy()
    field.is_active = False
    field.save()
    with pytest.raises(ValidationError) as caught:
        services.case_create(actor=reporter, data=case_data(), fields=[field])
    assert _codes(caught.value) == {"fields": ["fields"]}
    assert not CaseStudy.objects.exists()


def test_case_create__slug_taken__refused(reporter: Any) -> None:
    create_case(slug="taken")
    with pytest.raises(ValidationError) as caught:
        services.case_create(actor=reporter, data=case_data(), slug="taken")
    assert _codes(caught.value) == {"slug": ["slug_taken"]}


def test_case_update__author__changed_and_audited(reporter: Any) -> None:
    case = create_case(author=reporter, published=False)
    services.case_update(case=case, actor=reporter, data=case_data(title="新しい題名", title_en="New title"))
    case.refresh_from_db()
    assert (case.title, case.title_en) == ("新しい題名", "New title")
    entry = AuditLogEntry.objects.get(action="collaboration.case.updated")
    assert set(entry.data["fields"]) == {"title", "title_en"}


def test_case_update__another_reporters_case__refused(reporter: Any) -> None:
    other = case_reporter()
    case = create_case(author=other)
    with pytest.raises(PermissionDenied):
        services.case_update(case=case, actor=reporter, data=case_data(title="乗っ取り"))
    case.refresh_from_db()
    assert case.title != "乗っ取り"


def test_case_update__window__any_case(window: Any, reporter: Any) -> None:
    case = create_case(author=reporter)
    services.case_update(case=case, actor=window, data=case_data(title="窓口が修正"))
    case.refresh_from_db()
    assert case.title == "窓口が修正"


def test_case_update__bad_value__nothing_written(reporter: Any) -> None:
    case = create_case(author=reporter)
    with pytest.raises(ValidationError):
        services.case_update(case=case, actor=reporter, data=case_data(title="変更", effects=""))
    case.refresh_from_db()
    assert case.title != "変更"
    assert not AuditLogEntry.objects.filter(action="collaboration.case.updated").exists()


def test_case_publish__author__published_and_audited_with_old_and_new(reporter: Any) -> None:
    case = create_case(author=reporter, published=False)
    services.case_publish(case=case, actor=reporter, expected_state="draft")
    case.refresh_from_db()
    assert case.published_at is not None
    entry = AuditLogEntry.objects.get(action="collaboration.case.published")
    assert entry.data == {"old": "draft", "new": "published"}


def test_case_publish__twice__refused(reporter: Any) -> None:
    case = create_case(author=reporter)
    with pytest.raises(ValidationError) as caught:
        services.case_publish(case=case, actor=reporter)
    assert caught.value.code == "already_published"


def test_case_publish__stale__refused(reporter: Any) -> None:
    case = create_case(author=reporter)
    with pytest.raises(ValidationError) as caught:
        services.case_publish(case=case, actor=reporter, expected_state="draft")
    assert caught.value.code == "stale"


def test_case_publish__someone_else__refused(reporter: Any, role_users: dict[str, Any]) -> None:
    case = create_case(author=reporter, published=False)
    for user in (case_reporter(), role_users["citizen"], role_users["centre_staff"]):
        with pytest.raises(PermissionDenied):
            services.case_publish(case=case, actor=user)
    case.refresh_from_db()
    assert case.published_at is None


def test_case_unpublish__window__draft_again_and_audited(window: Any, reporter: Any) -> None:
    case = create_case(author=reporter)
    services.case_unpublish(case=case, actor=window, expected_state="published")
    case.refresh_from_db()
    assert case.published_at is None
    assert AuditLogEntry.objects.get(action="collaboration.case.unpublished").data == {
        "old": "published",
        "new": "draft",
    }


def test_case_unpublish__draft__refused(window: Any) -> None:
    case = create_case(published=False)
    with pytest.raises(ValidationError) as caught:
        services.case_unpublish(case=case, actor=window)
    assert caught.value.code == "not_published"
    with pytest.raises(ValidationError) as caught:
        services.case_unpublish(case=case, actor=window, expected_state="published")
    assert caught.value.code == "stale"


# --- Photos ---------------------------------------------------------------------------------


def test_photo_add__png_and_jpeg__stored_with_type_and_audited(reporter: Any) -> None:
    case = create_case(author=reporter)
    png = services.photo_add(case=case, actor=reporter, upload=photo_upload("PNG"), alt="花壇の写真")
    jpeg = services.photo_add(
        case=case, actor=reporter, upload=photo_upload("JPEG"), alt="集合写真", alt_en="Group photo", caption="最終回"
    )
    assert (png.content_type, jpeg.content_type) == ("image/png", "image/jpeg")
    assert [p.pk for p in case.photos.all()] == [png.pk, jpeg.pk]
    assert jpeg.image.read()[:2] == b"\xff\xd8"
    entry = AuditLogEntry.objects.filter(action="collaboration.case.photo_added").order_by("pk").first()
    assert entry.data == {"alt": "花壇の写真", "size": "40×30"}


@pytest.mark.parametrize("alt", ["", "   ", "\u3000"])
def test_photo_add__empty_alt__refused(reporter: Any, alt: str) -> None:
    case = create_case(author=reporter)
    with pytest.raises(ValidationError) as caught:
        services.photo_add(case=case, actor=reporter, upload=photo_upload(), alt=alt)
    assert _codes(caught.value) == {"alt": ["alt_required"]}
    assert "代替テキスト" in caught.value.error_dict["alt"][0].message
    assert not CasePhoto.objects.exists()


def test_photo_add__text_renamed_png__refused(reporter: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = create_case(author=reporter)
    fake = SimpleUploadedFile("photo.png", b"just some text, not an image\n" * 10, content_type="image/png")
    with pytest.raises(ValidationError) as caught:
        services.photo_add(case=case, actor=reporter, upload=fake, alt="写真")
    assert _codes(caught.value) == {"image": ["not_image"]}
    assert not CasePhoto.objects.exists()


def test_photo_add__truncated_png__refused(reporter: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories.collaboration import image_bytes

    case = create_case(author=reporter)
    data = image_bytes("PNG", (200, 200))
    broken = SimpleUploadedFile("photo.png", data[:60], content_type="image/png")
    with pytest.raises(ValidationError) as caught:
        services.photo_add(case=case, actor=reporter, upload=broken, alt="写真")
    assert _codes(caught.value) == {"image": ["not_image"]}


def test_photo_add__gif__refused(reporter: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories.collaboration import image_bytes

    case = create_case(author=reporter)
    gif = SimpleUploadedFile("photo.gif", image_bytes("GIF"), content_type="image/gif")
    with pytest.raises(ValidationError) as caught:
        services.photo_add(case=case, actor=reporter, upload=gif, alt="写真")
    assert _codes(caught.value) == {"image": ["not_image"]}


def test_photo_add__too_many_pixels__refused(reporter: Any) -> None:
    case = create_case(author=reporter)
    big = photo_upload("PNG", size=(6001, 10))
    with pytest.raises(ValidationError) as caught:
        services.photo_add(case=case, actor=reporter, upload=big, alt="横長の写真")
    assert _codes(caught.value) == {"image": ["too_many_pixels"]}
    assert not CasePhoto.objects.exists()


def test_photo_add__over_5_mb__refused(reporter: Any) -> None:
    case = create_case(author=reporter)
    upload = photo_upload("PNG")
    upload.size = services.MAX_PHOTO_BYTES + 1
    with pytest.raises(ValidationError) as caught:
        services.photo_add(case=case, actor=reporter, upload=upload, alt="大きな写真")
    assert _codes(caught.value) == {"image": ["too_large"]}


def test_photo_add__eleventh__refused(reporter: Any) -> None:
    case = create_case(author=reporter)
    for n in range(services.MAX_PHOTOS):
        services.photo_add(case=case, actor=reporter, upload=photo_upload(), alt=f"写真{n}")
    with pytest.raises(ValidationError) as caught:
        services.photo_add(case=case, actor=reporter, upload=photo_upload(), alt="11枚目")
    assert caught.value.code == "too_many_photos"
    assert case.photos.count() == services.MAX_PHOTOS


def test_photo_add__someone_elses_case__refused(reporter: Any, role_users: dict[str, Any]) -> None:
    case = create_case(author=case_reporter())
    with pytest.raises(PermissionDenied):
        services.photo_add(case=case, actor=reporter, upload=photo_upload(), alt="写真")
    with pytest.raises(PermissionDenied):
        services.photo_add(case=case, actor=role_users["citizen"], upload=photo_upload(), alt="写真")
    assert not CasePhoto.objects.exists()


def test_photo_delete__author__removed_and_audited(reporter: Any, django_capture_on_commit_callbacks: Any) -> None:
    case = create_case(author=reporter)
    photo = services.photo_add(case=case, actor=reporter, upload=photo_upload(), alt="写真")
    storage, name = photo.image.storage, photo.image.name
    with django_capture_on_commit_callbacks(execute=True):
        services.photo_delete(photo=photo, actor=reporter)
    assert not CasePhoto.objects.exists()
    assert not storage.exists(name)
    assert AuditLogEntry.objects.filter(action="collaboration.case.photo_deleted").count() == 1


def test_photo_delete__someone_else__refused(reporter: Any) -> None:
    case = create_case(author=reporter)
    photo = services.photo_add(case=case, actor=reporter, upload=photo_upload(), alt="写真")
    with pytest.raises(PermissionDenied):
        services.photo_delete(photo=photo, actor=case_reporter())
    assert CasePhoto.objects.filter(pk=photo.pk).exists()
