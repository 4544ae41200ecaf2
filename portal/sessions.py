"""Django's database sessions, saved without waiting for the disk.

The idle time-out (SESSION_SAVE_EVERY_REQUEST) saves the session on every signed-in
request. On PostgreSQL each save was a commit that waited for the write-ahead log to
reach the disk: 1.3 ms of a 2 ms save on the bench machine, on every page a signed-in
person opens. The save's own transaction now commits with `synchronous_commit` off:
PostgreSQL stays consistent after a crash, and at most the last fraction of a second of
session saves is lost (someone's idle clock restarts, or a log-in just made must be made
again). A save inside a transaction the request opened (a view's own writes) is left as
it is: the setting would apply to those writes too."""

from __future__ import annotations

from django.contrib.sessions.backends.base import CreateError, UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import DatabaseError, IntegrityError, connections, router, transaction


class SessionStore(DatabaseSessionStore):
    def save(self, must_create: bool = False) -> None:
        """Django's save (django.contrib.sessions.backends.db), the setting made first
        in the same transaction."""
        if self.session_key is None:
            return self.create()
        data = self._get_session(no_load=must_create)
        obj = self.create_model_instance(data)
        using = router.db_for_write(self.model, instance=obj)
        connection = connections[using]
        asynchronous = connection.vendor == "postgresql" and not connection.in_atomic_block
        try:
            with transaction.atomic(using=using):
                if asynchronous:
                    with connection.cursor() as cursor:
                        cursor.execute("SET LOCAL synchronous_commit TO OFF")
                obj.save(force_insert=must_create, force_update=not must_create, using=using)
        except IntegrityError as error:
            if must_create:
                raise CreateError from error
            raise
        except DatabaseError as error:
            if not must_create:
                raise UpdateError from error
            raise
        return None
