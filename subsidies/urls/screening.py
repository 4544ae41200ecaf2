"""Addresses of the subsidies app: screening."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
