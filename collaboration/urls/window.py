"""Addresses of the collaboration app: window (the 協働推進課 window's and the departments'
handling of proposals, the publication of a call's decisions)."""

from django.urls import URLPattern, path

from collaboration.views import window

urlpatterns: list[URLPattern] = [
    path("collaboration/staff/proposals/", window.QueueView.as_view(), name="staff-proposals"),
    path("collaboration/staff/proposals/<int:pk>/", window.StaffProposalView.as_view(), name="staff-proposal"),
    path("collaboration/staff/department/", window.DepartmentView.as_view(), name="staff-department"),
    path(
        "collaboration/staff/calls/<slug:slug>/decisions/",
        window.CallDecisionsView.as_view(),
        name="staff-call-decisions",
    ),
]
