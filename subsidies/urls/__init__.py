"""The subsidies app's addresses, one module per area (each with its `urlpatterns`)."""

from subsidies.urls import applications, catalogue, grants, screening

app_name = "subsidies"

urlpatterns = [
    *catalogue.urlpatterns,
    *applications.urlpatterns,
    *screening.urlpatterns,
    *grants.urlpatterns,
]
