"""Addresses of the subsidies app: grants (decision, grant, advances, changes, report,
final amount and refund)."""

from django.urls import URLPattern, path

from subsidies.views import grants as views

urlpatterns: list[URLPattern] = [
    # Staff: decisions and their publication
    path(
        "staff/subsidies/<int:year>/<slug:slug>/decisions/",
        views.StaffDecisionsView.as_view(),
        name="staff-decisions",
    ),
    path(
        "staff/subsidies/<int:year>/<slug:slug>/decisions/publish/",
        views.StaffDecisionsPublishView.as_view(),
        name="staff-decisions-publish",
    ),
    path("staff/subsidies/applications/<int:pk>/decide/", views.StaffDecideView.as_view(), name="staff-decide"),
    # Staff: grant, payments, changes, reports, final amount, refund
    path("staff/subsidies/applications/<int:pk>/grant/", views.StaffGrantView.as_view(), name="staff-grant"),
    path("staff/subsidies/payments/<int:pk>/", views.StaffPaymentView.as_view(), name="staff-payment"),
    path("staff/subsidies/changes/<int:pk>/", views.StaffChangeView.as_view(), name="staff-change"),
    path("staff/subsidies/reports/overdue/", views.StaffReportsOverdueView.as_view(), name="staff-reports-overdue"),
    path("staff/subsidies/reports/<int:pk>/", views.StaffReportView.as_view(), name="staff-report"),
    path("staff/subsidies/applications/<int:pk>/confirm/", views.StaffConfirmView.as_view(), name="staff-confirm"),
    path(
        "staff/subsidies/confirmations/<int:pk>/refunded/",
        views.StaffRefundedView.as_view(),
        name="staff-refunded",
    ),
    # The group
    path("subsidies/applications/<int:pk>/grant.pdf", views.GrantPdfView.as_view(), name="grant-pdf"),
    path(
        "subsidies/applications/<int:pk>/confirmation.pdf",
        views.ConfirmationPdfView.as_view(),
        name="confirmation-pdf",
    ),
    path("subsidies/applications/<int:pk>/advance/", views.AdvanceRequestView.as_view(), name="advance-request"),
    path("subsidies/applications/<int:pk>/change/", views.ChangeRequestView.as_view(), name="change-request"),
    path("subsidies/applications/<int:pk>/report/", views.ReportView.as_view(), name="report"),
]
