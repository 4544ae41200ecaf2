"""Addresses of the subsidies app: applications."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
