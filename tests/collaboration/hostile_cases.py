"""The hostile-input corpus of the collaboration cases area (tests/test_hostile_input.py
loads it): the case form, the photo form (its fields other than the file), publishing,
the library's filters and every other page, as the 協働リポーター or window staff who may
use them."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from collaboration.models import CollaborationForm
from collaboration.services import cases as services
from tests.factories.collaboration import case_reporter, create_case, photo_upload
from tests.test_hostile_input import Endpoint, GetTarget, PostTarget, filter_params, in_context


def world(world: dict[str, Any]) -> dict[str, Any]:
    reporter = case_reporter(email="hostile-reporter@test.example.jp")
    published = create_case(author=reporter, slug="hostile-published")
    draft = create_case(author=reporter, slug="hostile-draft", published=False)
    photo = services.photo_add(case=published, actor=reporter, upload=photo_upload(), alt="写真")
    return {
        "case_reporter": reporter,
        "case_published": published,
        "case_draft": draft,
        "case_photo": photo,
    }


def _case(route: str, key: str) -> Any:
    return lambda w: reverse(route, args=[w[key].slug])


def case_post_data(w: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": "河川敷のアダプト",
        "title_en": "Riverside adoption",
        "project": "",
        "form": str(CollaborationForm.objects.get(code="adopt").pk),
        "domain": "2",
        "fields": [str(w["field"].pk)],
        "content": "清掃と花壇づくり",
        "effects": "ごみが減った",
        "went_well": "自主的に広がった",
        "difficulties": "夏の草刈り",
        "improvements": "業者委託と組み合わせる",
    }


POST_TARGETS = [
    PostTarget(
        "case new", "city_staff", lambda w: reverse("collaboration:case-new"), in_context("form"), case_post_data
    ),
    PostTarget(
        "case edit",
        "case_reporter",
        _case("collaboration:case-edit", "case_draft"),
        in_context("form"),
        case_post_data,
    ),
    PostTarget(
        "case photo add",
        "case_reporter",
        _case("collaboration:case-photo-add", "case_published"),
        in_context("photo_form"),
        lambda w: {"alt": "写真", "alt_en": "A photo", "caption": "キャプション"},
        page=_case("collaboration:case-edit", "case_published"),
    ),
    PostTarget(
        "case publish",
        "case_reporter",
        _case("collaboration:case-publish", "case_draft"),
        in_context("publish_form"),
        lambda w: {"seen_status": "draft"},
        page=_case("collaboration:case-edit", "case_draft"),
    ),
    PostTarget(
        "case unpublish",
        "city_staff",
        _case("collaboration:case-unpublish", "case_published"),
        in_context("publish_form"),
        lambda w: {"seen_status": "published"},
        page=_case("collaboration:case-edit", "case_published"),
    ),
]

GET_TARGETS = [
    GetTarget("case library", "anonymous", lambda w: reverse("collaboration:case-list"), filter_params("page")),
    GetTarget("case manage", "case_reporter", lambda w: reverse("collaboration:case-manage"), lambda r: {"page": None}),
]

ENDPOINTS = [
    Endpoint("collaboration:case", "anonymous", _case("collaboration:case", "case_published")),
    Endpoint(
        "collaboration:case-photo",
        "anonymous",
        lambda w: reverse("collaboration:case-photo", args=[w["case_published"].slug, w["case_photo"].pk]),
    ),
    Endpoint(
        "collaboration:case-photo-delete",
        "case_reporter",
        lambda w: reverse("collaboration:case-photo-delete", args=[w["case_published"].slug, w["case_photo"].pk]),
    ),
]

FORM_MODULES = ["collaboration.forms.cases"]
FORM_COVERAGE = {
    "collaboration.forms.cases.CaseForm": "case new",
    "collaboration.forms.cases.PhotoForm": "case photo add",
    "collaboration.forms.cases.PublishForm": "case publish",
}
