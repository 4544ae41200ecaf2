from django.urls import path

from consultations import views

app_name = "consultations"

urlpatterns = [
    path("consultations/", views.IndexView.as_view(), name="index"),
    path("consultations/book/<int:pk>/", views.BookView.as_view(), name="book"),
    path("consultations/ask/", views.AskView.as_view(), name="ask"),
    path("consultations/mine/", views.MineView.as_view(), name="mine"),
    path("consultations/<int:pk>/", views.DetailView.as_view(), name="detail"),
    path("staff/consultations/", views.StaffQueueView.as_view(), name="staff-queue"),
    path("staff/consultations/slots/", views.StaffSlotsView.as_view(), name="staff-slots"),
    path("staff/consultations/slots/<int:pk>/close/", views.StaffSlotCloseView.as_view(), name="staff-slot-close"),
    path("staff/consultations/report/", views.StaffReportView.as_view(), name="staff-report"),
    path("staff/consultations/report.csv", views.StaffReportCsvView.as_view(), name="staff-report-csv"),
    path("staff/consultations/<int:pk>/", views.StaffDetailView.as_view(), name="staff-detail"),
]
