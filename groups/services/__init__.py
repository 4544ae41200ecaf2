"""Writes for groups, by sub-domain; everything is re-exported here."""

from groups.services.events import *  # noqa: F403
from groups.services.registration import *  # noqa: F403
from groups.services.volunteering import *  # noqa: F403
