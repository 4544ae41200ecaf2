"""Addresses of the collaboration app: evaluations."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
