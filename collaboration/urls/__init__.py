"""The collaboration app's addresses, one module per area (each with its `urlpatterns`)."""

from collaboration.urls import agreements, calls, cases, endorsements, evaluations, projects, proposals, window

app_name = "collaboration"

urlpatterns = [
    *calls.urlpatterns,
    *proposals.urlpatterns,
    *window.urlpatterns,
    *projects.urlpatterns,
    *agreements.urlpatterns,
    *evaluations.urlpatterns,
    *endorsements.urlpatterns,
    *cases.urlpatterns,
]
