"""Addresses of the subsidies app: applications."""

from django.urls import URLPattern, path

from subsidies.views import applications as views

urlpatterns: list[URLPattern] = [
    path("subsidies/<int:year>/<slug:slug>/apply/", views.ApplyView.as_view(), name="apply"),
    path("subsidies/applications/", views.MyApplicationsView.as_view(), name="my-applications"),
    path("subsidies/applications/<int:pk>/", views.ApplicationDetailView.as_view(), name="application"),
    path("subsidies/applications/<int:pk>/edit/", views.ApplicationEditView.as_view(), name="application-edit"),
    path("subsidies/applications/<int:pk>/submit/", views.ApplicationSubmitView.as_view(), name="application-submit"),
    path(
        "subsidies/applications/<int:pk>/withdraw/",
        views.ApplicationWithdrawView.as_view(),
        name="application-withdraw",
    ),
    path("subsidies/applications/<int:pk>/attachments/", views.AttachmentAddView.as_view(), name="attachment-add"),
    path(
        "subsidies/applications/<int:pk>/attachments/<int:attachment>/",
        views.AttachmentDownloadView.as_view(),
        name="attachment",
    ),
    path(
        "subsidies/applications/<int:pk>/attachments/<int:attachment>/delete/",
        views.AttachmentDeleteView.as_view(),
        name="attachment-delete",
    ),
    path(
        "staff/subsidies/<int:year>/<slug:slug>/applications/",
        views.StaffApplicationListView.as_view(),
        name="staff-applications",
    ),
    path(
        "staff/subsidies/<int:year>/<slug:slug>/applications.csv",
        views.StaffApplicationCsvView.as_view(),
        name="staff-applications-csv",
    ),
    path("staff/subsidies/applications/<int:pk>/", views.StaffApplicationView.as_view(), name="staff-application"),
    path("staff/subsidies/<int:year>/<slug:slug>/counter/", views.StaffCounterView.as_view(), name="staff-counter"),
]
