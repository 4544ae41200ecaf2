"""Views of the facilities app (re-exported here)."""

from facilities.views.bookings import *  # noqa: F403
from facilities.views.bookings import CounterBookingView  # noqa: F401
from facilities.views.lottery import *  # noqa: F403
from facilities.views.public import *  # noqa: F403
from facilities.views.staff import *  # noqa: F403
