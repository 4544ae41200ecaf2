"""The case library's pages: the public list (filters, search, pagination, constant
query count), the case page (fixed fields as sections, English, project, photos), the
writing pages (create, edit, publish, photos) and the photo view."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from collaboration.models import CasePhoto, CaseStudy, CollaborationForm
from collaboration.services import cases as services
from portal import search
from portal.models import AuditLogEntry
from tests.factories.collaboration import (
    case_reporter,
    collaboration_form,
    create_case,
    create_project,
    image_bytes,
    photo_upload,
)
from tests.factories.groups import default_taxonomy

pytestmark = pytest.mark.django_db

LIST = "/collaboration/cases/"


@pytest.fixture
def reporter(db: Any) -> Any:
    return case_reporter()


def _post_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "title": "河川敷のアダプト",
        "title_en": "",
        "project": "",
        "form": str(CollaborationForm.objects.get(code="adopt").pk),
        "domain": "2",
        "content": "清掃と花壇づくり",
        "effects": "ごみが減った",
        "went_well": "自主的に広がった",
        "difficulties": "夏の草刈り",
        "improvements": "業者委託と組み合わせる",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# --- Public pages ---------------------------------------------------------------------------


def test_list__published_only_with_form_domain_photo_alt_and_excerpt(client: Any, reporter: Any) -> None:
    case = create_case(author=reporter, title="公開された事例", content="事業の内容" * 50)
    create_case(author=reporter, title="下書きの事例", published=False)
    services.photo_add(case=case, actor=reporter, upload=photo_upload(), alt="花壇の写真")
    page = client.get(LIST)
    assert page.status_code == 200
    html = page.content.decode()
    assert "公開された事例" in html
    assert "下書きの事例" not in html
    assert str(case.form) in html
    assert "③" in html
    assert 'alt="花壇の写真"' in html
    assert "事業の内容事業の内容" in html
    assert ("事業の内容" * 50) not in html  # an excerpt


def test_list__filters_by_form_domain_field_and_query(client: Any) -> None:
    [field], _ = default_taxonomy()
    adopt = create_case(title="アダプトの事例", form=collaboration_form("adopt"), domain=2, fields=[field])
    create_case(title="委託の事例", content="地域の見守り")
    search.rebuild(["collaboration.case"])

    def titles(query: str) -> set[str]:
        return {c.title for c in client.get(f"{LIST}?{query}").context["cases"]}

    assert titles("form=adopt") == {adopt.title}
    assert titles("domain=2") == {adopt.title}
    assert titles("field=welfare") == {adopt.title}
    assert titles("q=見守り") == {"委託の事例"}
    assert titles("q=みまもり") == {"委託の事例"}  # the reading finds the kanji
    assert titles("form=adopt&domain=3") == set()


def test_list__bad_filter__400_and_empty(client: Any) -> None:
    create_case()
    response = client.get(f"{LIST}?domain=9")
    assert response.status_code == 400
    assert list(response.context["cases"]) == []


def test_list__paginated(client: Any) -> None:
    for n in range(25):
        create_case(title=f"事例{n}")
    first = client.get(LIST)
    assert len(first.context["cases"]) == 20
    assert len(client.get(f"{LIST}?page=2").context["cases"]) == 5


def _count(client: Any, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _grow(author: Any, n: int) -> None:
    [field], _ = default_taxonomy()
    for i in range(n):
        case = create_case(author=author, title=f"事例{i}", form=collaboration_form("adopt"), fields=[field])
        CasePhoto.objects.create(case=case, image="collaboration/cases/x.img", alt=f"写真{i}")
        CasePhoto.objects.create(case=case, image="collaboration/cases/y.img", alt=f"写真{i}の2")


@pytest.mark.parametrize("query", ["", "?form=adopt&field=welfare", "?q=事例&domain=3"])
def test_list__query_count_does_not_grow(client: Any, reporter: Any, query: str) -> None:
    _grow(reporter, 2)
    small = _count(client, LIST + query)
    _grow(reporter, 15)
    assert _count(client, LIST + query) == small


def test_manage__query_count_does_not_grow(client: Any, role_users: dict[str, Any], reporter: Any) -> None:
    client.force_login(role_users["city_staff"])
    url = reverse("collaboration:case-manage")
    _grow(reporter, 2)
    small = _count(client, url)
    _grow(case_reporter(), 10)
    assert _count(client, url) == small


def test_case_page__sections_project_fields_photos(client: Any, reporter: Any) -> None:
    [field], _ = default_taxonomy()
    project = create_project(title="空き家活用事業")
    case = create_case(author=reporter, project=project, fields=[field], effects="延べ1,200人が利用")
    services.photo_add(case=case, actor=reporter, upload=photo_upload(), alt="外観の写真", caption="改装後")
    html = client.get(case.get_absolute_url()).content.decode()
    for heading in ("事業内容", "効果", "うまくいった点", "苦労した点", "改善点"):
        assert f">{heading}</h2>" in html
    assert "延べ1,200人が利用" in html
    assert "空き家活用事業" in html
    assert field.name in html
    assert 'alt="外観の写真"' in html
    assert "改装後" in html


def test_case_page__english_when_filled(client: Any) -> None:
    case = create_case(title_en="Community space", content_en="The city and an NPO ran it.")
    html = client.get("/en" + case.get_absolute_url()).content.decode()
    assert "Community space" in html
    assert "The city and an NPO ran it." in html
    assert case.effects in html  # no English: the Japanese text


def test_case_page__draft__404_to_public_shown_to_author(client: Any, reporter: Any, role_users: dict) -> None:
    case = create_case(author=reporter, published=False)
    assert client.get(case.get_absolute_url()).status_code == 404
    client.force_login(role_users["citizen"])
    assert client.get(case.get_absolute_url()).status_code == 404
    client.force_login(case_reporter())
    assert client.get(case.get_absolute_url()).status_code == 404
    client.force_login(reporter)
    response = client.get(case.get_absolute_url())
    assert response.status_code == 200
    assert "この事例は下書きです" in response.content.decode()


# --- Photos served through the view ----------------------------------------------------------


def test_photo__published__public_long_cache_nosniff(client: Any, reporter: Any) -> None:
    case = create_case(author=reporter)
    photo = services.photo_add(case=case, actor=reporter, upload=photo_upload("JPEG"), alt="写真")
    response = client.get(reverse("collaboration:case-photo", args=[case.slug, photo.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "max-age=2592000" in response["Cache-Control"]
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


def test_photo__draft__editors_only(client: Any, reporter: Any, role_users: dict[str, Any]) -> None:
    case = create_case(author=reporter, published=False)
    photo = services.photo_add(case=case, actor=reporter, upload=photo_upload(), alt="写真")
    url = reverse("collaboration:case-photo", args=[case.slug, photo.pk])
    assert client.get(url).status_code == 404
    client.force_login(case_reporter())
    assert client.get(url).status_code == 404
    client.force_login(reporter)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "no-store" in response["Cache-Control"]
    client.force_login(role_users["city_staff"])
    assert client.get(url).status_code == 200


def test_photo__of_another_case__404(client: Any, reporter: Any) -> None:
    case = create_case(author=reporter)
    other = create_case(author=reporter)
    photo = services.photo_add(case=other, actor=reporter, upload=photo_upload(), alt="写真")
    assert client.get(reverse("collaboration:case-photo", args=[case.slug, photo.pk])).status_code == 404


# --- Writing ----------------------------------------------------------------------------------


def test_create__reporter__draft_then_edit_page(client: Any, reporter: Any) -> None:
    client.force_login(reporter)
    [field], _ = default_taxonomy()
    response = client.post(reverse("collaboration:case-new"), _post_data(fields=[str(field.pk)]))
    case = CaseStudy.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("collaboration:case-edit", args=[case.slug])
    assert (case.author, case.published_at, list(case.fields.all())) == (reporter, None, [field])


@pytest.mark.parametrize("name", ["title", "content", "effects", "went_well", "difficulties", "improvements"])
def test_create__fixed_field_missing__400_nothing_written(client: Any, reporter: Any, name: str) -> None:
    client.force_login(reporter)
    response = client.post(reverse("collaboration:case-new"), _post_data(**{name: ""}))
    assert response.status_code == 400
    assert name in response.context["form"].errors
    assert 'class="error-summary"' in response.content.decode()
    assert not CaseStudy.objects.exists()


def test_create__project_not_visible__400(client: Any, reporter: Any) -> None:
    hidden = create_project(is_published=False)
    client.force_login(reporter)
    response = client.post(reverse("collaboration:case-new"), _post_data(project=str(hidden.pk)))
    assert response.status_code == 400
    assert not CaseStudy.objects.exists()


def test_create__citizen__403(client: Any, role_users: dict[str, Any]) -> None:
    client.force_login(role_users["citizen"])
    assert client.post(reverse("collaboration:case-new"), _post_data()).status_code == 403
    assert not CaseStudy.objects.exists()


def test_edit__author_saves(client: Any, reporter: Any) -> None:
    case = create_case(author=reporter, published=False)
    client.force_login(reporter)
    url = reverse("collaboration:case-edit", args=[case.slug])
    assert client.get(url).status_code == 200
    response = client.post(url, _post_data(title="改題", title_en="Renamed"))
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.title, case.title_en, case.form.code, case.domain) == ("改題", "Renamed", "adopt", 2)


def test_edit__bad_input__400_nothing_written(client: Any, reporter: Any) -> None:
    case = create_case(author=reporter)
    client.force_login(reporter)
    url = reverse("collaboration:case-edit", args=[case.slug])
    response = client.post(url, _post_data(title="一行\n二行目", domain="9"))
    assert response.status_code == 400
    assert {"title", "domain"} <= set(response.context["form"].errors)
    case.refresh_from_db()
    assert case.title != "一行\n二行目"


def test_edit__another_reporters_case__403_published_404_draft(client: Any, reporter: Any) -> None:
    other = case_reporter()
    published = create_case(author=other)
    draft = create_case(author=other, published=False)
    client.force_login(reporter)
    assert client.get(reverse("collaboration:case-edit", args=[published.slug])).status_code == 403
    assert client.post(reverse("collaboration:case-edit", args=[published.slug]), _post_data()).status_code == 403
    assert client.get(reverse("collaboration:case-edit", args=[draft.slug])).status_code == 404


def test_publish_and_unpublish__author(client: Any, reporter: Any) -> None:
    case = create_case(author=reporter, published=False)
    client.force_login(reporter)
    response = client.post(reverse("collaboration:case-publish", args=[case.slug]), {"seen_status": "draft"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.published_at is not None
    assert client.get(LIST).context["cases"][0] == case
    response = client.post(reverse("collaboration:case-unpublish", args=[case.slug]), {"seen_status": "published"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.published_at is None
    assert AuditLogEntry.objects.filter(action__startswith="collaboration.case.").count() == 2


def test_publish__stale__409_nothing_written(client: Any, reporter: Any) -> None:
    case = create_case(author=reporter)
    stamp = case.published_at
    client.force_login(reporter)
    response = client.post(reverse("collaboration:case-publish", args=[case.slug]), {"seen_status": "draft"})
    assert response.status_code == 409
    assert "この事例はその間に公開されました" in response.content.decode()
    case.refresh_from_db()
    assert case.published_at == stamp


def test_publish__bad_seen_status__400(client: Any, reporter: Any) -> None:
    case = create_case(author=reporter, published=False)
    client.force_login(reporter)
    response = client.post(reverse("collaboration:case-publish", args=[case.slug]), {"seen_status": "x"})
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.published_at is None


def test_publish__get__405(client: Any, reporter: Any) -> None:
    case = create_case(author=reporter, published=False)
    client.force_login(reporter)
    assert client.get(reverse("collaboration:case-publish", args=[case.slug])).status_code == 405


def test_photo_add__png_and_jpeg_through_the_page(client: Any, reporter: Any) -> None:
    case = create_case(author=reporter)
    client.force_login(reporter)
    url = reverse("collaboration:case-photo-add", args=[case.slug])
    for kind in ("PNG", "JPEG"):
        response = client.post(url, {"image": photo_upload(kind), "alt": f"{kind}の写真", "caption": ""})
        assert response.status_code == 302
    assert [p.content_type for p in case.photos.all()] == ["image/png", "image/jpeg"]
    html = client.get(reverse("collaboration:case-edit", args=[case.slug])).content.decode()
    assert 'alt="PNGの写真"' in html


def test_photo_add__empty_alt__400_with_message(client: Any, reporter: Any) -> None:
    case = create_case(author=reporter)
    client.force_login(reporter)
    url = reverse("collaboration:case-photo-add", args=[case.slug])
    response = client.post(url, {"image": photo_upload(), "alt": "   "})
    assert response.status_code == 400
    assert "alt" in response.context["photo_form"].errors
    assert not CasePhoto.objects.exists()


def test_photo_add__renamed_text_file__400_with_message(client: Any, reporter: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = create_case(author=reporter)
    client.force_login(reporter)
    fake = SimpleUploadedFile("photo.png", b"<html>not an image</html>", content_type="image/png")
    response = client.post(reverse("collaboration:case-photo-add", args=[case.slug]), {"image": fake, "alt": "写真"})
    assert response.status_code == 400
    assert [e.code for e in response.context["photo_form"].errors.as_data()["image"]] == ["not_image"]
    assert not CasePhoto.objects.exists()


def test_photo_add__oversize_image__400(client: Any, reporter: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = create_case(author=reporter)
    client.force_login(reporter)
    big = SimpleUploadedFile("big.png", image_bytes("PNG", (10, 6001)), content_type="image/png")
    response = client.post(reverse("collaboration:case-photo-add", args=[case.slug]), {"image": big, "alt": "写真"})
    assert response.status_code == 400
    assert [e.code for e in response.context["photo_form"].errors.as_data()["image"]] == ["too_many_pixels"]


def test_photo_delete__author(client: Any, reporter: Any) -> None:
    case = create_case(author=reporter)
    photo = services.photo_add(case=case, actor=reporter, upload=photo_upload(), alt="写真")
    client.force_login(case_reporter())
    assert client.post(reverse("collaboration:case-photo-delete", args=[case.slug, photo.pk])).status_code == 403
    client.force_login(reporter)
    assert client.post(reverse("collaboration:case-photo-delete", args=[case.slug, photo.pk])).status_code == 302
    assert not CasePhoto.objects.exists()


def test_manage__reporter_sees_own_only_drafts_first(client: Any, reporter: Any) -> None:
    mine_published = create_case(author=reporter, title="自分の公開")
    mine_draft = create_case(author=reporter, title="自分の下書き", published=False)
    create_case(author=case_reporter(), title="他人の事例", published=False)
    client.force_login(reporter)
    cases = list(client.get(reverse("collaboration:case-manage")).context["cases"])
    assert cases == [mine_draft, mine_published]


def test_manage__window_sees_all(client: Any, role_users: dict[str, Any], reporter: Any) -> None:
    create_case(author=reporter, published=False)
    create_case(author=case_reporter())
    client.force_login(role_users["city_staff"])
    assert len(client.get(reverse("collaboration:case-manage")).context["cases"]) == 2
