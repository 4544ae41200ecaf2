"""Load benchmarks over HTTP: `make bench-http` (the portal's pages against a minimal
Django page, under gunicorn and wrk) and `make bench-load` (a crowd of visitors, Locust)."""
