"""Exit 0 when the PostgreSQL server in DATABASE_URL accepts connections."""

import os
import sys

import psycopg
from dj_database_url import parse

config = parse(os.environ["DATABASE_URL"])
try:
    psycopg.connect(
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        dbname="postgres",
        connect_timeout=3,
    ).close()
except psycopg.OperationalError:
    sys.exit(1)
