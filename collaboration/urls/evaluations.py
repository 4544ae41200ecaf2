"""Addresses of the collaboration app: evaluation rounds."""

from django.urls import path

from collaboration.views import evaluations as views

urlpatterns = [
    path(
        "collaboration/projects/<slug:slug>/evaluations/",
        views.EvaluationRoundsView.as_view(),
        name="evaluation-rounds",
    ),
    path("collaboration/evaluation-rounds/<int:pk>/", views.EvaluationRoundView.as_view(), name="evaluation-round"),
]
