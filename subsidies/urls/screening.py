"""Addresses of the subsidies app: screening (公開審査: the presentation schedule and the
published results). The committee's own review pages are portal's (`portal:review-*`)."""

from django.urls import URLPattern, path

from subsidies.views import screening

urlpatterns: list[URLPattern] = [
    path(
        "staff/subsidies/<int:year>/<slug:slug>/presentations/",
        screening.StaffPresentationsView.as_view(),
        name="staff-presentations",
    ),
    path("subsidies/<int:year>/<slug:slug>/screening/", screening.ScreeningView.as_view(), name="screening"),
]
