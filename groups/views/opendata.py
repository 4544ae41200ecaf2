"""Open data (CC BY 4.0): public fields of registered groups and events."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from groups.models import CommunityGroup, Event
from portal.csv import csv_response

__all__ = ["EventsCsvView", "GroupsCsvView", "GroupsJsonView", "OpenDataView"]

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.ja"

# Columns of the 自治体標準オープンデータセット「イベント一覧」 (推奨データセット).
EVENT_COLUMNS = [
    "都道府県コード又は市区町村コード",
    "NO",
    "都道府県名",
    "市区町村名",
    "イベント名",
    "イベント名_カナ",
    "イベント名_英語",
    "開始日",
    "終了日",
    "開始時間",
    "終了時間",
    "開始日時特記事項",
    "説明",
    "料金(基本)",
    "料金(詳細)",
    "連絡先名称",
    "連絡先電話番号",
    "連絡先内線番号",
    "主催者",
    "場所名称",
    "住所",
    "方書",
    "緯度",
    "経度",
    "アクセス方法",
    "駐車場情報",
    "定員",
    "参加申込終了日",
    "参加申込終了時間",
    "参加申込方法",
    "URL",
    "備考",
]

GROUP_COLUMNS = [
    ("id", "ID"),
    ("name", "団体名"),
    ("name_kana", "団体名_カナ"),
    ("organisation_form", "組織形態"),
    ("corporate_number", "法人番号"),
    ("fields", "活動分野"),
    ("areas", "活動地区"),
    ("purpose", "目的"),
    ("activities", "活動内容"),
    ("founded_on", "設立年月日"),
    ("member_count", "会員数"),
    ("meeting", "活動場所・日時"),
    ("representative_name", "代表者名"),
    ("contact_email", "連絡先メールアドレス"),
    ("contact_phone", "連絡先電話番号"),
    ("address", "所在地"),
    ("website", "ホームページ"),
    ("registered_until", "登録有効期限"),
    ("url", "URL"),
]


def public_group_record(group: CommunityGroup, request: HttpRequest) -> dict[str, Any]:
    """Only what the group shows in the directory (情報開示)."""
    shows = group.shows
    return {
        "id": group.slug,
        "name": group.name,
        "name_kana": group.name_kana,
        "organisation_form": group.get_organisation_form_display(),
        "corporate_number": group.corporate_number,
        "fields": [field.name for field in group.fields.all()],
        "areas": [area.name for area in group.areas.all()],
        "purpose": group.purpose,
        "activities": group.activities,
        "founded_on": group.founded_on.isoformat() if group.founded_on and shows("founded_on") else "",
        "member_count": group.member_count if shows("member_counts") else None,
        "meeting": f"{group.meeting_place} {group.meeting_schedule}".strip() if shows("meeting") else "",
        "representative_name": group.representative_name if shows("representative_name") else "",
        "contact_email": group.contact_email if shows("contact_email") else "",
        "contact_phone": group.contact_phone if shows("contact_phone") else "",
        "address": group.address if shows("address") else "",
        "website": group.website if shows("website") else "",
        "registered_until": group.registered_until.isoformat() if group.registered_until else "",
        "url": request.build_absolute_uri(group.get_absolute_url()),
    }


def _registered_groups() -> Any:
    return CommunityGroup.objects.registered().prefetch_related("fields", "areas").order_by("name_kana", "pk")


class OpenDataView(TemplateView):
    template_name = "groups/opendata.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(licence=LICENCE, licence_url=LICENCE_URL, **kwargs)


class GroupsCsvView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        response, writer = csv_response("groups.csv", public=True)
        writer.writerow([label for _key, label in GROUP_COLUMNS])
        for group in _registered_groups().iterator(chunk_size=500):
            record = public_group_record(group, request)
            writer.writerow(
                ["、".join(record[key]) if isinstance(record[key], list) else record[key] for key, _l in GROUP_COLUMNS]
            )
        return response


class GroupsJsonView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        records = [public_group_record(group, request) for group in _registered_groups().iterator(chunk_size=500)]
        response = JsonResponse(
            {"licence": LICENCE, "licence_url": LICENCE_URL, "count": len(records), "groups": records},
            json_dumps_params={"ensure_ascii": False},
        )
        response["Access-Control-Allow-Origin"] = "*"
        return response


class EventsCsvView(View):
    """Upcoming and recent events in the standard イベント一覧 format."""

    def get(self, request: HttpRequest) -> HttpResponse:
        from portal.models import SiteConfiguration

        config = SiteConfiguration.get_solo()
        since = timezone.now() - datetime.timedelta(days=90)
        events = (
            Event.objects.published()
            .filter(ends_at__gte=since)
            .select_related("group", "department")
            .order_by("starts_at", "pk")
        )
        response, writer = csv_response("events.csv", public=True)
        writer.writerow(EVENT_COLUMNS)
        for event in events.iterator(chunk_size=1000):
            start, end = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
            closes = timezone.localtime(event.signup_closes_at) if event.signup_closes_at else None
            row = {
                "都道府県コード又は市区町村コード": config.local_government_code,
                "NO": event.pk,
                "都道府県名": config.prefecture_name,
                "市区町村名": config.city_name,
                "イベント名": event.title,
                "イベント名_カナ": event.title_kana,
                "イベント名_英語": event.title_en,
                "開始日": start.strftime("%Y-%m-%d"),
                "終了日": end.strftime("%Y-%m-%d"),
                "開始時間": start.strftime("%H:%M"),
                "終了時間": end.strftime("%H:%M"),
                "説明": event.description,
                "料金(基本)": "無料" if not event.fee else f"{event.fee}円",
                "連絡先名称": event.contact,
                "主催者": event.group.name if event.group_id else event.department.name,  # type: ignore[union-attr]
                "場所名称": event.place,
                "住所": event.address,
                "定員": event.capacity or "",
                "参加申込終了日": closes.strftime("%Y-%m-%d") if closes else "",
                "参加申込終了時間": closes.strftime("%H:%M") if closes else "",
                "参加申込方法": "ポータルから申込み" if event.requires_signup else "申込み不要",
                "URL": request.build_absolute_uri(event.get_absolute_url()),
            }
            writer.writerow([row.get(column, "") for column in EVENT_COLUMNS])
        return response
