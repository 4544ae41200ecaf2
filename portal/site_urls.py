from django.urls import path

from portal import views

app_name = "portal"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("news/", views.NewsListView.as_view(), name="news-list"),
    path("news/<int:pk>/", views.NewsDetailView.as_view(), name="news-detail"),
    path("pages/<slug:slug>/", views.InfoPageView.as_view(), name="page"),
    path("faq/", views.FaqView.as_view(), name="faq"),
    path("account/", views.AccountView.as_view(), name="account"),
    path("account/data.json", views.AccountDataExportView.as_view(), name="account-export"),
    path("account/delete/", views.AccountDeleteView.as_view(), name="account-delete"),
    path("staff/", views.StaffDashboardView.as_view(), name="staff-dashboard"),
    path("staff/audit/", views.AuditLogListView.as_view(), name="staff-auditlog"),
    path("staff/mail-failures/", views.MailFailureListView.as_view(), name="staff-mail-failures"),
]
