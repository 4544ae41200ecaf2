"""Addresses of the collaboration app: proposals."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
