"""Addresses of the collaboration app: calls (the portal's front, the public calls and
the window's call management)."""

from django.urls import URLPattern, path

from collaboration.views import calls

urlpatterns: list[URLPattern] = [
    path("collaboration/", calls.IndexView.as_view(), name="index"),
    path("collaboration/calls/", calls.CallListView.as_view(), name="call-list"),
    path("collaboration/calls/<slug:slug>/", calls.CallDetailView.as_view(), name="call"),
    path("collaboration/staff/calls/", calls.StaffCallListView.as_view(), name="staff-calls"),
    path("collaboration/staff/calls/new/", calls.StaffCallFormView.as_view(), name="staff-call-new"),
    path("collaboration/staff/calls/<int:pk>/", calls.StaffCallFormView.as_view(), name="staff-call-edit"),
    path("collaboration/staff/calls/<int:pk>/status/", calls.StaffCallStatusView.as_view(), name="staff-call-status"),
]
