"""Addresses of the collaboration app: proposals (the proposer's pages)."""

from django.urls import URLPattern, path

from collaboration.views import proposals as views

urlpatterns: list[URLPattern] = [
    path("collaboration/proposals/", views.MyProposalsView.as_view(), name="my-proposals"),
    path("collaboration/calls/<slug:slug>/propose/", views.ProposalStartView.as_view(), name="proposal-start"),
    path("collaboration/proposals/<int:pk>/", views.ProposalDetailView.as_view(), name="proposal"),
    path("collaboration/proposals/<int:pk>/edit/", views.ProposalEditView.as_view(), name="proposal-edit"),
    path("collaboration/proposals/<int:pk>/submit/", views.ProposalSubmitView.as_view(), name="proposal-submit"),
    path("collaboration/proposals/<int:pk>/withdraw/", views.ProposalWithdrawView.as_view(), name="proposal-withdraw"),
    path("collaboration/proposals/<int:pk>/message/", views.ProposalMessageView.as_view(), name="proposal-message"),
    path(
        "collaboration/proposals/<int:pk>/consultation/",
        views.ProposalConsultationView.as_view(),
        name="proposal-consultation",
    ),
]
