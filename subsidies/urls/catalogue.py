"""Addresses of the subsidies app: catalogue (programmes, outside grants, published
results and their open data, and the staff overview)."""

from django.urls import URLPattern, path

from subsidies.views import catalogue as views

urlpatterns: list[URLPattern] = [
    path("subsidies/", views.ProgrammeListView.as_view(), name="list"),
    path("subsidies/outside-grants/", views.OutsideGrantListView.as_view(), name="outside-grants"),
    path("subsidies/results/", views.ResultsIndexView.as_view(), name="results-index"),
    path("subsidies/results/<int:year>/", views.ResultsView.as_view(), name="results"),
    path("subsidies/results/<int:year>.csv", views.ResultsCsvView.as_view(), name="results-csv"),
    path("subsidies/results/<int:year>.json", views.ResultsJsonView.as_view(), name="results-json"),
    path("subsidies/<int:year>/<slug:slug>/", views.ProgrammeDetailView.as_view(), name="programme"),
    path("subsidies/<int:year>/<slug:slug>/guide/", views.GuideDownloadView.as_view(), name="guide"),
    path("staff/subsidies/", views.StaffOverviewView.as_view(), name="staff"),
    path("staff/subsidies/<int:year>/<slug:slug>/", views.StaffProgrammeView.as_view(), name="staff-programme"),
    path("staff/subsidies/overview.csv", views.StaffOverviewCsvView.as_view(), name="staff-overview-csv"),
    path("staff/subsidies/groups/<int:pk>/", views.StaffGroupView.as_view(), name="staff-group"),
    path("staff/subsidies/groups/<int:pk>.csv", views.StaffGroupCsvView.as_view(), name="staff-group-csv"),
]
