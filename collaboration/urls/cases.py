"""Addresses of the collaboration app: the case library (協働事例集)."""

from django.urls import URLPattern, path

from collaboration.views import cases as views

urlpatterns: list[URLPattern] = [
    path("collaboration/cases/", views.CaseListView.as_view(), name="case-list"),
    path("collaboration/cases/manage/", views.CaseManageView.as_view(), name="case-manage"),
    path("collaboration/cases/new/", views.CaseCreateView.as_view(), name="case-new"),
    path("collaboration/cases/<slug:slug>/", views.CaseDetailView.as_view(), name="case"),
    path("collaboration/cases/<slug:slug>/edit/", views.CaseEditView.as_view(), name="case-edit"),
    path("collaboration/cases/<slug:slug>/publish/", views.CasePublishView.as_view(), name="case-publish"),
    path("collaboration/cases/<slug:slug>/unpublish/", views.CaseUnpublishView.as_view(), name="case-unpublish"),
    path("collaboration/cases/<slug:slug>/photos/", views.CasePhotoAddView.as_view(), name="case-photo-add"),
    path("collaboration/cases/<slug:slug>/photos/<int:pk>/", views.CasePhotoView.as_view(), name="case-photo"),
    path(
        "collaboration/cases/<slug:slug>/photos/<int:pk>/delete/",
        views.CasePhotoDeleteView.as_view(),
        name="case-photo-delete",
    ),
]
