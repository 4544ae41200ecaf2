"""django-allauth hooks: e-mails in the recipient's language, and after log-in the
site in the language the person chose."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.urls import translate_url
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        user = context.get("user")
        language = getattr(user, "preferred_language", None) or translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        url = super().get_login_redirect_url(request)
        language = getattr(request.user, "preferred_language", "")
        return translate_url(url, language) if language else url
