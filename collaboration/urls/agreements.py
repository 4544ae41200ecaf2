"""Addresses of the collaboration app: agreements (協定書)."""

from django.urls import path

from collaboration.views import agreements as views

urlpatterns = [
    path("collaboration/projects/<slug:slug>/agreement/new/", views.AgreementNewView.as_view(), name="agreement-new"),
    path("collaboration/agreements/<int:pk>/", views.AgreementView.as_view(), name="agreement"),
    path("collaboration/agreements/<int:pk>/edit/", views.AgreementEditView.as_view(), name="agreement-edit"),
    path("collaboration/agreements/<int:pk>/pdf/", views.AgreementPdfView.as_view(), name="agreement-pdf"),
]
