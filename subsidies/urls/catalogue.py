"""Addresses of the subsidies app: catalogue."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
