"""Addresses of the collaboration app: window."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
