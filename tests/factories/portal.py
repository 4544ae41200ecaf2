from __future__ import annotations

import datetime

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone
from factory.django import DjangoModelFactory

from portal.models import ActivityField, Area, Department, FaqItem, InfoPage, News, User

TEST_PASSWORD = "correct-horse-battery-2026"


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.jp")
    full_name = factory.Faker("name", locale="ja_JP")
    full_name_kana = "テスト ユーザー"
    relationship = "resident"
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def verified(self, create: bool, extracted: bool | None, **kwargs: object) -> None:
        """A verified primary e-mail address, as allauth needs for log-in."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class DepartmentFactory(DjangoModelFactory[Department]):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"dept{n}")
    name = factory.Sequence(lambda n: f"テスト課{n}")
    name_en = factory.Sequence(lambda n: f"Test Division {n}")


class NewsFactory(DjangoModelFactory[News]):
    class Meta:
        model = News

    title = factory.Sequence(lambda n: f"お知らせ{n}")
    title_en = factory.Sequence(lambda n: f"News {n}")
    body = "本文です。\n\n二段落目です。"
    body_en = "Body.\n\nSecond paragraph."
    publish_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))

    @classmethod
    def create_scheduled(cls, **kwargs: object) -> News:
        return cls.create(publish_at=timezone.now() + datetime.timedelta(days=7), **kwargs)

    @classmethod
    def create_expired(cls, **kwargs: object) -> News:
        return cls.create(
            publish_at=timezone.now() - datetime.timedelta(days=30),
            unpublish_at=timezone.now() - datetime.timedelta(days=1),
            **kwargs,
        )


class InfoPageFactory(DjangoModelFactory[InfoPage]):
    class Meta:
        model = InfoPage
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"page-{n}")
    title = factory.Sequence(lambda n: f"ページ{n}")
    title_en = factory.Sequence(lambda n: f"Page {n}")
    summary = "概要"
    body = "## 見出し\n\n本文です。\n\n- 項目一\n- 項目二"
    body_en = "## Heading\n\nBody.\n\n- Item one\n- Item two"


class FaqItemFactory(DjangoModelFactory[FaqItem]):
    class Meta:
        model = FaqItem

    category = "site"
    question = factory.Sequence(lambda n: f"質問{n}ですか？")
    question_en = factory.Sequence(lambda n: f"Question {n}?")
    answer = "回答です。"
    answer_en = "The answer."


class ActivityFieldFactory(DjangoModelFactory[ActivityField]):
    class Meta:
        model = ActivityField

    slug = factory.Sequence(lambda n: f"field-{n}")
    name = factory.Sequence(lambda n: f"分野{n}")
    name_en = factory.Sequence(lambda n: f"Field {n}")


class AreaFactory(DjangoModelFactory[Area]):
    class Meta:
        model = Area

    slug = factory.Sequence(lambda n: f"area-{n}")
    name = factory.Sequence(lambda n: f"地区{n}")
    name_en = factory.Sequence(lambda n: f"District {n}")
