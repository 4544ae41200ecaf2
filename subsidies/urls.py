from django.urls import path  # noqa: F401

from subsidies import views  # noqa: F401

app_name = "subsidies"

urlpatterns: list = []
