"""Addresses of the collaboration app: 後援・共催 requests."""

from django.urls import URLPattern, path

from collaboration.views import endorsements as views

urlpatterns: list[URLPattern] = [
    path("collaboration/endorsements/", views.EndorsementListView.as_view(), name="endorsement-list"),
    path("collaboration/endorsements/new/", views.EndorsementNewView.as_view(), name="endorsement-new"),
    path("collaboration/endorsements/<int:pk>/", views.EndorsementDetailView.as_view(), name="endorsement"),
    path(
        "collaboration/endorsements/<int:pk>/withdraw/",
        views.EndorsementWithdrawView.as_view(),
        name="endorsement-withdraw",
    ),
    path(
        "collaboration/endorsements/<int:pk>/report/",
        views.EndorsementReportView.as_view(),
        name="endorsement-report",
    ),
    path("collaboration/staff/endorsements/", views.StaffEndorsementListView.as_view(), name="staff-endorsements"),
    path(
        "collaboration/staff/endorsements/<int:pk>/",
        views.StaffEndorsementView.as_view(),
        name="staff-endorsement",
    ),
]
