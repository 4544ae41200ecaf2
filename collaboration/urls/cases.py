"""Addresses of the collaboration app: cases."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
