from django.urls import path

from portal import newsletter_views, review_views, views

app_name = "portal"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("news/", views.NewsListView.as_view(), name="news-list"),
    path("news/<int:pk>/", views.NewsDetailView.as_view(), name="news-detail"),
    path("pages/<slug:slug>/", views.InfoPageView.as_view(), name="page"),
    path("faq/", views.FaqView.as_view(), name="faq"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("my/", views.MyActivityView.as_view(), name="my"),
    path("account/", views.AccountView.as_view(), name="account"),
    path("account/data.json", views.AccountDataExportView.as_view(), name="account-export"),
    path("account/delete/", views.AccountDeleteView.as_view(), name="account-delete"),
    path("staff/", views.StaffDashboardView.as_view(), name="staff-dashboard"),
    path("staff/audit/", views.AuditLogListView.as_view(), name="staff-auditlog"),
    path("staff/mail-failures/", views.MailFailureListView.as_view(), name="staff-mail-failures"),
    # Topic e-mails (メールマガジン, portal.newsletter_views)
    path("newsletter/", newsletter_views.SubscribeView.as_view(), name="newsletter-subscribe"),
    path("newsletter/confirm/<str:token>/", newsletter_views.ConfirmView.as_view(), name="newsletter-confirm"),
    path("newsletter/manage/<str:token>/", newsletter_views.ManageView.as_view(), name="newsletter-manage"),
    path(
        "newsletter/unsubscribe/<str:token>/", newsletter_views.UnsubscribeView.as_view(), name="newsletter-unsubscribe"
    ),
    path("newsletter/staff/", newsletter_views.StaffView.as_view(), name="newsletter-staff"),
    # Committee review (審査), generic over what is reviewed (portal.review_views)
    path("review/", review_views.ReviewHomeView.as_view(), name="review-home"),
    path("review/<int:pk>/", review_views.ReviewCommitteeView.as_view(), name="review-committee"),
    path("review/<int:pk>/manage/", review_views.ReviewManageView.as_view(), name="review-manage"),
    path("review/<int:pk>/summary/", review_views.ReviewSummaryView.as_view(), name="review-summary"),
    path("review/<int:pk>/summary.csv", review_views.ReviewSummaryCsvView.as_view(), name="review-summary-csv"),
    path("review/<int:pk>/<int:ct>/<int:obj>/", review_views.ReviewObjectView.as_view(), name="review-object"),
]
