"""Permission policies: one rule per model and action gives both the queryset of what a
user may see or manage and the predicate for one object (Wagtail's permission policies).

A policy's `rule(user, action)` returns a `Rule`: a small condition over the model's
fields built from facts about the user (the ids of their groups, of the facilities they
manage, …), loaded once per request user. The same rule becomes a `Q` for
`instances_user_has_permission_for(user, action)` and is evaluated in Python on a loaded
object for `user_has_permission_for_instance(user, action, obj)`, so the list and the
check cannot drift apart::

    class BookingPolicy(PermissionPolicy[Booking]):
        model = Booking

        def rule(self, user, action):
            party = Where("user_id", "exact", user.pk) | Where("group_id", "in", member_group_ids(user))
            ...

Views load objects with `PolicyObjectMixin`: a 404 when the object is not visible (the
same answer as "does not exist"), a 403 when it is visible but the action is not allowed.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404

if TYPE_CHECKING:
    from django.http import HttpRequest

__all__ = [
    "EVERYTHING",
    "NOTHING",
    "AllOf",
    "AnyOf",
    "PermissionPolicy",
    "PolicyObjectMixin",
    "Rule",
    "Where",
    "forget_user_facts",
    "user_fact",
]


# --- Facts about the user, loaded once per user object -----------------------------------

_FACTS = "_policy_facts"


def user_fact[T](user: Any, name: str, load: Callable[[], T]) -> T:
    """`load()` once per user object (that is, once per request), then the cached value."""
    facts: dict[str, Any] = user.__dict__.setdefault(_FACTS, {})
    if name not in facts:
        facts[name] = load()
    return facts[name]


def forget_user_facts(user: Any) -> None:
    """Drop the cached facts, so the next rule reads the database again (services call
    this through `ensure(..., fresh=True)` inside their lock)."""
    user.__dict__.pop(_FACTS, None)


# --- Rules ----------------------------------------------------------------------------------


class Rule:
    """A condition on a model's rows: `q()` for querysets, `test(obj)` for one object."""

    def q(self) -> models.Q:
        raise NotImplementedError

    def test(self, obj: Any) -> bool:
        raise NotImplementedError

    def __or__(self, other: Rule) -> Rule:
        return AnyOf.of(self, other)

    def __and__(self, other: Rule) -> Rule:
        return AllOf.of(self, other)


class _Everything(Rule):
    def q(self) -> models.Q:
        return models.Q()

    def test(self, obj: Any) -> bool:
        return True

    def __repr__(self) -> str:
        return "EVERYTHING"


class _Nothing(Rule):
    def q(self) -> models.Q:
        return models.Q(pk__in=[])

    def test(self, obj: Any) -> bool:
        return False

    def __repr__(self) -> str:
        return "NOTHING"


EVERYTHING: Rule = _Everything()
NOTHING: Rule = _Nothing()

_TESTS: dict[str, Callable[[Any, Any], bool]] = {
    "exact": operator.eq,
    "in": lambda value, wanted: value in wanted,
    "isnull": lambda value, wanted: (value is None) == wanted,
    "gte": lambda value, wanted: value is not None and value >= wanted,
    "lte": lambda value, wanted: value is not None and value <= wanted,
}


@dataclass(frozen=True)
class Where(Rule):
    """`path__lookup=value`, where `path` follows foreign keys with `__` (the object must
    have them loaded, e.g. with `select_related`, to be tested without a query)."""

    path: str
    lookup: str
    value: Any

    def __new__(cls, path: str, lookup: str, value: Any) -> Any:
        if lookup not in _TESTS:
            raise ValueError(f"Unsupported lookup: {lookup}")
        if lookup == "in" and not value:
            return NOTHING
        return super().__new__(cls)

    def q(self) -> models.Q:
        value = sorted(self.value) if self.lookup == "in" else self.value
        return models.Q(**{f"{self.path}__{self.lookup}": value})

    def test(self, obj: Any) -> bool:
        value = obj
        for part in self.path.split("__"):
            value = getattr(value, part)
            if value is None:
                break
        return _TESTS[self.lookup](value, self.value)


@dataclass(frozen=True)
class _Combination(Rule):
    """AnyOf / AllOf: `absorbing` decides the whole (EVERYTHING in an OR), `neutral`
    drops out (NOTHING in an OR); nested combinations of the same kind are flattened."""

    rules: tuple[Rule, ...]
    absorbing: ClassVar[Rule]
    neutral: ClassVar[Rule]
    join: ClassVar[Callable[[models.Q, models.Q], models.Q]]
    reduce: ClassVar[Callable[[Iterable[bool]], bool]]

    @classmethod
    def of(cls, *rules: Rule) -> Rule:
        parts: list[Rule] = []
        for rule in rules:
            if rule is cls.absorbing:
                return cls.absorbing
            if rule is not cls.neutral:
                parts.extend(rule.rules if isinstance(rule, cls) else [rule])
        if not parts:
            return cls.neutral
        return parts[0] if len(parts) == 1 else cls(tuple(parts))

    def q(self) -> models.Q:
        result = self.rules[0].q()
        for rule in self.rules[1:]:
            result = type(self).join(result, rule.q())
        return result

    def test(self, obj: Any) -> bool:
        return type(self).reduce(rule.test(obj) for rule in self.rules)


class AnyOf(_Combination):
    absorbing, neutral = EVERYTHING, NOTHING
    join, reduce = operator.or_, any


class AllOf(_Combination):
    absorbing, neutral = NOTHING, EVERYTHING
    join, reduce = operator.and_, all


# --- Policies -------------------------------------------------------------------------------


class PermissionPolicy[M: models.Model]:
    """One rule per action for a model. Subclasses set `model`, `actions` and `rule()`;
    `"view"` is the action that decides visibility (404 when it fails)."""

    model: type[M]
    actions: ClassVar[tuple[str, ...]] = ("view",)

    def rule(self, user: Any, action: str) -> Rule:
        raise NotImplementedError

    def _rule(self, user: Any, action: str) -> Rule:
        if action not in self.actions:
            raise ValueError(f"{type(self).__name__} has no action {action!r}")
        return self.rule(user, action)

    def base_queryset(self) -> models.QuerySet[M]:
        return self.model._default_manager.all()

    def instances_user_has_permission_for(
        self, user: Any, action: str, queryset: models.QuerySet[M] | None = None
    ) -> models.QuerySet[M]:
        """The rows on which `user` may do `action` (narrowing `queryset` when given)."""
        qs = self.base_queryset() if queryset is None else queryset
        rule = self._rule(user, action)
        if rule is EVERYTHING:
            return qs
        if rule is NOTHING:
            return qs.none()
        return qs.filter(rule.q())

    def user_has_permission_for_instance(self, user: Any, action: str, obj: M, *, fresh: bool = False) -> bool:
        """The same rule, tested on a loaded object (`fresh` rereads the user's facts)."""
        if fresh:
            forget_user_facts(user)
        return self._rule(user, action).test(obj)

    def user_has_any_permission(self, user: Any, action: str) -> bool:
        """Whether `action` is allowed on at least some rows, as far as the rule says."""
        return self._rule(user, action) is not NOTHING

    # Short names used across the portal.
    def can(self, user: Any, action: str, obj: M, *, fresh: bool = False) -> bool:
        return self.user_has_permission_for_instance(user, action, obj, fresh=fresh)

    def ensure(self, user: Any, action: str, obj: M, *, fresh: bool = True) -> None:
        """Raise `PermissionDenied` unless allowed; services read fresh facts by default."""
        if not self.can(user, action, obj, fresh=fresh):
            raise PermissionDenied

    def visible_to(self, user: Any, queryset: models.QuerySet[M] | None = None) -> models.QuerySet[M]:
        return self.instances_user_has_permission_for(user, "view", queryset)

    def permissions_for(self, user: Any, obj: M) -> dict[str, bool]:
        """Every action's answer for one object: the booleans templates get (`can.edit`)."""
        return {action: self.can(user, action, obj) for action in self.actions}


class PolicyObjectMixin(AccessMixin):
    """Fetch-and-authorise for views that load one object by id or slug.

    The object comes from `policy.visible_to(user)` (narrowing `get_policy_queryset()`):
    404 when it is not visible, then 403 unless `policy.can(user, policy_action, obj)`.
    With `login_required`, anonymous users go to the log-in page first (Django's
    `AccessMixin.handle_no_permission`). Subclasses may also gate the whole view on a
    role with `has_role(user)` (403 before any lookup, e.g. for the staff area)."""

    policy: ClassVar[PermissionPolicy[Any]]
    policy_action: ClassVar[str] = "view"
    login_required: ClassVar[bool] = False
    lookup_kwarg: ClassVar[str] = "pk"
    lookup_field: ClassVar[str] = "pk"
    request: HttpRequest
    kwargs: dict[str, Any]

    def get_policy_queryset(self) -> models.QuerySet[Any]:
        return self.policy.base_queryset()

    def has_role(self, user: Any) -> bool:
        return True

    def get_policy_object(self) -> Any:
        if not hasattr(self, "_policy_object"):
            user = self.request.user
            queryset = self.policy.visible_to(user, self.get_policy_queryset())
            obj = queryset.filter(**{self.lookup_field: self.kwargs[self.lookup_kwarg]}).first()
            if obj is None:
                raise Http404
            if not self.policy.can(user, self.policy_action, obj):
                raise PermissionDenied
            self._policy_object = obj
        return self._policy_object

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if self.login_required and not request.user.is_authenticated:
            return self.handle_no_permission()
        if not self.has_role(request.user):
            raise PermissionDenied
        self.get_policy_object()
        return super().dispatch(request, *args, **kwargs)
