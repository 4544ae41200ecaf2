"""The minimal page's only URL: every path renders the small template."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import re_path

ITEMS = [{"title": f"お知らせ {n}", "summary": "市民活動センターからのお知らせです。"} for n in range(10)]


def page(request: HttpRequest) -> HttpResponse:
    return render(request, "minimal.html", {"title": "市民活動ポータル", "items": ITEMS})


urlpatterns = [re_path(r"", page)]
