"""Request size limits and Cache-Control on private pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from groups.models import CommunityGroup
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


def test_limits_are_set() -> None:
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 2_621_440
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 2_621_440
    assert settings.REQUEST_MAX_BYTES <= 16 * 1024 * 1024


def test_oversized_request__413_before_the_body_is_read(client: Any) -> None:
    """A request that declares more than REQUEST_MAX_BYTES is refused with a clear page,
    and nothing is written."""
    client.force_login(UserFactory())
    big = settings.REQUEST_MAX_BYTES + 1
    with translation.override("en"):
        url = reverse("groups:register")
    response = client.post(url, data={"name": "x"}, CONTENT_LENGTH=str(big))
    assert response.status_code == 413
    assert "The upload is too large" in response.content.decode()
    assert not CommunityGroup.objects.exists()


def test_oversized_upload__413(client: Any, settings: Any) -> None:
    settings.REQUEST_MAX_BYTES = 1024 * 1024
    client.force_login(UserFactory())
    data = {"name": "会", "rules_file": SimpleUploadedFile("r.pdf", b"%PDF" + b"0" * 1024 * 1024)}
    response = client.post(reverse("groups:register"), data=data)
    assert response.status_code == 413
    assert "送信するデータが大きすぎます" in response.content.decode()
    assert not CommunityGroup.objects.exists()


def test_private_pages__no_store(client: Any) -> None:
    public = client.get(reverse("portal:home"))
    assert "no-store" not in public.get("Cache-Control", "")
    client.force_login(UserFactory())
    for url in (reverse("portal:account"), reverse("portal:home"), reverse("groups:mine")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "private, no-store", url


def test_oversized_request__body_never_read(rf: Any) -> None:
    """The middleware answers from the Content-Length header alone."""
    from portal.middleware import RequestSizeLimitMiddleware

    class Unreadable:
        def read(self, *args: Any) -> bytes:
            raise AssertionError("the body was read")

        readline = read

    request = rf.post("/groups/register/", data=b"", content_type="application/octet-stream")
    request.META["CONTENT_LENGTH"] = str(settings.REQUEST_MAX_BYTES + 1)
    request.META["wsgi.input"] = Unreadable()
    request._stream = Unreadable()
    request.user = UserFactory()

    def view(request: Any) -> Any:
        request.POST  # noqa: B018 - would read the body
        raise AssertionError("the view was reached")

    response = RequestSizeLimitMiddleware(view)(request)
    assert response.status_code == 413
