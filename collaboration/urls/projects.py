"""Addresses of the collaboration app: projects (the registry, 協働の度合い, project
pages, the staff list, the project form, the manage page and the partners' log)."""

from django.urls import URLPattern, path

from collaboration.views import projects as views

urlpatterns: list[URLPattern] = [
    path("collaboration/projects/", views.ProjectListView.as_view(), name="project-list"),
    path("collaboration/projects.csv", views.ProjectCsvView.as_view(), name="project-csv"),
    path("collaboration/projects/domains/", views.ProjectDomainsView.as_view(), name="project-domains"),
    path("collaboration/projects/new/", views.ProjectNewView.as_view(), name="project-new"),
    path("collaboration/projects/<slug:slug>/", views.ProjectDetailView.as_view(), name="project"),
    path("collaboration/projects/<slug:slug>/edit/", views.ProjectEditView.as_view(), name="project-edit"),
    path("collaboration/projects/<slug:slug>/manage/", views.ProjectManageView.as_view(), name="project-manage"),
    path("collaboration/projects/<slug:slug>/log/", views.ProjectLogView.as_view(), name="project-log"),
    path("collaboration/staff/projects/", views.StaffProjectListView.as_view(), name="staff-projects"),
]
