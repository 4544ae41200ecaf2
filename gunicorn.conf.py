"""Gunicorn's settings for the portal: read by every `gunicorn` started in this folder
(the Dockerfile, docker-compose.yml and the HTTP benchmarks, `make bench-http` and
`make bench-load`); options given on the command line win.

Threaded workers with keep-alive: measured with `make bench-http` on a 2-core machine,
gthread with 4 threads and keep-alive served 12 of 16 anonymous pages at 50 % or more of
a minimal Django page, against 5 of 16 for sync workers, and `make bench-load`'s crowd
stays responsive while a few requests wait on PostgreSQL or hash a password (a sync
worker holds the connection for all of it). Every thread has its own database
connection (CONN_MAX_AGE), so PostgreSQL sees up to workers × threads connections.
"""

import multiprocessing
import os

worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
keepalive = 10
timeout = 30
# Answer what is already in flight before a restart stops the worker.
graceful_timeout = 20
