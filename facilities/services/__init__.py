"""Writes for the facilities app (re-exported here)."""

from facilities.services.bookings import *  # noqa: F403
from facilities.services.closures import *  # noqa: F403
from facilities.services.lottery import *  # noqa: F403
from facilities.services.rules import *  # noqa: F403
