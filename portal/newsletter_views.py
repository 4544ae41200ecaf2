"""Pages of the topic e-mails (メールマガジン, portal.newsletter): subscribe, confirm,
manage and unsubscribe (reached by the links in the e-mails, without logging in), and the
staff counts.

The manage and unsubscribe pages are found by the subscription's secret token: an
unknown token is a 404. The unsubscribe URL also takes RFC 8058's one-click POST from
mail clients, which carries no CSRF token: that view alone is csrf_exempt (it only
ever turns e-mails off)."""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView, TemplateView

from portal import newsletter
from portal.client_ip import client_ip
from portal.forms import form_errors_from
from portal.models import Subscription, SubscriptionStatus
from portal.newsletter_forms import ChoicesForm, SubscribeForm
from portal.permissions import PortalStaffRequiredMixin

SUBSCRIBE_LIMIT_PER_IP = 10  # subscribe requests per visitor address (IP) per hour
SUBSCRIBE_LIMIT_PER_EMAIL = 3  # confirmation e-mails per e-mail address per hour
SUBSCRIBE_WINDOW = 60 * 60


def _rate_keys(request: HttpRequest, email: str) -> list[tuple[str, int]]:
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    return [
        (f"portal:newsletter:ip:{client_ip(request)}", SUBSCRIBE_LIMIT_PER_IP),
        (f"portal:newsletter:email:{digest}", SUBSCRIBE_LIMIT_PER_EMAIL),
    ]


class SubscribeView(FormView):
    """Anyone subscribes; the answer is the same whether the address is known or not."""

    template_name = "portal/newsletter_subscribe.html"
    form_class = SubscribeForm

    def get_initial(self) -> dict[str, Any]:
        user = self.request.user
        initial: dict[str, Any] = {
            "language": get_language() or "ja",
            "topics": [key for key, _label in newsletter.topic_choices()],
        }
        if user.is_authenticated:
            initial["email"] = user.email
        return initial

    def form_invalid(self, form: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form: SubscribeForm) -> HttpResponse:
        keys = _rate_keys(self.request, form.cleaned_data["email"])
        if any(cache.get(key, 0) >= limit for key, limit in keys):
            form.add_error(None, _("Too many requests were sent from here. Please try again later."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        user = self.request.user if self.request.user.is_authenticated else None
        try:
            newsletter.subscription_request(
                email=form.cleaned_data["email"],
                topics=form.cleaned_data["topics"],
                fields=form.cleaned_data["fields"],
                areas=form.cleaned_data["areas"],
                language=form.cleaned_data["language"],
                user=user,
            )
        except ValidationError as error:
            form_errors_from(error, form)
            return self.form_invalid(form)
        for key, _limit in keys:
            cache.set(key, cache.get(key, 0) + 1, SUBSCRIBE_WINDOW)
        return self.response_class(
            request=self.request,
            template=["portal/newsletter_sent.html"],
            context={"email": form.cleaned_data["email"]},
            using=self.template_engine,
        )


class ConfirmView(TemplateView):
    """The link of the confirmation e-mail: a page with a button (a link checker that
    opens the link confirms nothing), the POST turns the choices on."""

    template_name = "portal/newsletter_confirm.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            payload = newsletter.read_confirmation_token(kwargs["token"])
        except ValidationError as error:
            return self.render_to_response({"error": error.messages[0]}, status=400)
        return self.render_to_response({"email": payload["e"]})

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        actor = request.user if request.user.is_authenticated else None
        try:
            subscription = newsletter.subscription_confirm(token=kwargs["token"], actor=actor)
        except ValidationError as error:
            return self.render_to_response({"error": error.messages[0]}, status=400)
        messages.success(request, _("Thank you: your topic e-mails are set up."))
        return HttpResponseRedirect(subscription.get_absolute_url())


class SubscriptionByTokenMixin:
    kwargs: dict[str, Any]

    def get_subscription(self) -> Subscription:
        subscription = newsletter.subscription_for_token(self.kwargs["token"])
        if subscription is None:
            raise Http404
        return subscription


class ManageView(SubscriptionByTokenMixin, FormView):
    """Change topics, fields, areas and language, or unsubscribe (the link in every digest)."""

    template_name = "portal/newsletter_manage.html"
    form_class = ChoicesForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.subscription = self.get_subscription()
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        subscription = self.subscription
        return {
            "topics": subscription.topics,
            "fields": list(subscription.fields.all()),
            "areas": list(subscription.areas.all()),
            "language": subscription.language,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            subscription=self.subscription,
            is_unsubscribed=self.subscription.status == SubscriptionStatus.UNSUBSCRIBED,
            **kwargs,
        )

    def form_invalid(self, form: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form: ChoicesForm) -> HttpResponse:
        try:
            newsletter.subscription_update(
                subscription=self.subscription,
                topics=form.cleaned_data["topics"],
                fields=form.cleaned_data["fields"],
                areas=form.cleaned_data["areas"],
                language=form.cleaned_data["language"],
            )
        except ValidationError as error:
            form_errors_from(error, form)
            return self.form_invalid(form)
        messages.success(self.request, _("Your choices were saved."))
        return HttpResponseRedirect(self.subscription.get_absolute_url())


@method_decorator(csrf_exempt, name="dispatch")
class UnsubscribeView(SubscriptionByTokenMixin, View):
    """GET: a page with a button. POST (the button, or a mail client's RFC 8058
    one-click `List-Unsubscribe=One-Click`): unsubscribed, 200."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        subscription = self.get_subscription()
        return self._render(request, subscription, done=subscription.status == SubscriptionStatus.UNSUBSCRIBED)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        subscription = newsletter.subscription_unsubscribe(subscription=self.get_subscription())
        return self._render(request, subscription, done=True)

    def _render(self, request: HttpRequest, subscription: Subscription, *, done: bool) -> HttpResponse:
        return TemplateResponse(
            request, "portal/newsletter_unsubscribe.html", {"subscription": subscription, "done": done}
        )


class StaffView(PortalStaffRequiredMixin, TemplateView):
    """How many confirmed subscribers each topic has (no addresses)."""

    template_name = "staff/newsletter.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(counts=newsletter.topic_counts(), **kwargs)
