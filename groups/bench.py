"""The groups app's public pages for `make bench`."""

from __future__ import annotations

from django.urls import reverse

from groups.models import CommunityGroup


def group_pages() -> list[tuple[str, str]]:
    pages = [
        ("groups directory", reverse("groups:list")),
        ("groups keyword (2 chars)", reverse("groups:list") + "?q=福祉"),
        ("groups keyword (kana)", reverse("groups:list") + "?q=ふくし"),
        ("groups keyword + field + area", reverse("groups:list") + "?q=子ども&field=welfare&area=chuo"),
    ]
    if CommunityGroup.objects.registered().count() > 60:
        pages.append(("groups directory page 3", reverse("groups:list") + "?page=3"))
    group = CommunityGroup.objects.registered().order_by("pk").first()
    if group:
        pages.append(("group profile", group.get_absolute_url()))
    return pages
