"""What the talent bank adds to the site search (anonymised approved registrations) and
to "my activity" (the person's registration, candidacies and their groups' requests).
Registered from GroupsConfig.ready."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal import my_activity, search

MY_LIMIT = 20
COORDINATOR_LANDING = 75  # after city and centre staff (portal.adapters), before reviewers


def profile_document(profile: Any) -> search.Document | None:
    """Only what the public list shows: public name, skills, areas, introduction."""
    from groups.models import ProfileStatus

    if profile.status != ProfileStatus.APPROVED:
        return None
    skills = list(profile.skills.all())
    areas = list(profile.areas.all())
    skill_names = " ".join(s.name for s in skills)
    return search.Document(
        title=profile.display_name,
        summary=f"{skill_names} — {profile.introduction}",
        summary_en=" ".join(s.name_en or s.name for s in skills),
        path=f"{reverse('talent:list')}#helper-{profile.pk}",
        texts=[skill_names, " ".join(s.name_en for s in skills), profile.introduction],
        area_ids=[a.pk for a in areas],
    )


def profiles_to_index() -> Any:
    from groups.models import TalentProfile

    return TalentProfile.objects.prefetch_related("skills", "areas")


def my_talent(user: Any) -> list[dict[str, Any]]:
    """The person's registration, their candidacies and their groups' requests, each
    with its state and next step (three queries)."""
    from groups.models import CandidacyStatus, TalentCandidacy, TalentProfile, TalentRequest
    from groups.permissions import editor_group_ids

    items: list[dict[str, Any]] = []
    profile = TalentProfile.objects.filter(user=user).first()
    if profile is not None:
        items.append({"kind": "profile", "object": profile, "url": reverse("talent:profile-mine")})
    candidacies = (
        TalentCandidacy.objects.filter(profile__user=user)
        .exclude(status=CandidacyStatus.WITHDRAWN)
        .select_related("request__group")
        .order_by("-created_at")[:MY_LIMIT]
    )
    items += [
        {"kind": "candidacy", "object": c, "url": reverse("talent:request", args=[c.request_id])} for c in candidacies
    ]
    groups = editor_group_ids(user)
    requests = (
        TalentRequest.objects.filter(Q(group_id__in=sorted(groups)))
        .select_related("group")
        .order_by("-created_at")[:MY_LIMIT]
        if groups
        else []
    )
    items += [{"kind": "request", "object": r, "url": r.get_absolute_url()} for r in requests]
    return items


def coordinator_landing(user: Any) -> tuple[int, str] | None:
    """Coordinators land on their queue of requests after log-in."""
    from groups.talent_permissions import can_match
    from portal.permissions import is_superuser

    if can_match(user) and not is_superuser(user):
        return COORDINATOR_LANDING, "talent:queue"
    return None


def register() -> None:
    from groups.models import TalentProfile
    from portal.adapters import register_login_landing

    register_login_landing(coordinator_landing)

    search.register(
        search.Kind(
            key="groups.talent",
            label=_("Talent bank (helpers)"),
            model=TalentProfile,
            document=profile_document,
            queryset=profiles_to_index,
            order=45,
            list_url="talent:list",
        )
    )
    my_activity.register(
        my_activity.Section(
            key="groups.talent",
            title=_("Talent bank"),
            order=60,
            template="groups/talent/includes/_my_talent.html",
            items=my_talent,
            empty_text=_("You are not in the talent bank and your groups have not asked it for help."),
        )
    )
