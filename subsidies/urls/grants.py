"""Addresses of the subsidies app: grants."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
