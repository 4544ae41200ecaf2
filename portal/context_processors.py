from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from portal.models import InfoPage, SiteConfiguration
from portal.permissions import is_city_staff, is_portal_staff, is_reviewer


def site(request: HttpRequest) -> dict[str, Any]:
    """The city's name and the navigation, for every page."""
    # Error pages (e.g. 400 for a bad Host header) render before the auth middleware ran.
    user = getattr(request, "user", None) or AnonymousUser()
    return {
        "site_config": SiteConfiguration.get_solo(),
        "nav_pages": InfoPage.objects.published().filter(show_in_nav=True).only("slug", "title", "title_en", "order"),
        "user_is_portal_staff": is_portal_staff(user),
        "user_is_city_staff": is_city_staff(user),
        # Review-committee members (the reviewer role) and city staff: the review pages.
        "user_is_reviewer": is_reviewer(user) or is_city_staff(user),
    }
