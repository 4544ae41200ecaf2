"""Views of the groups app, by sub-domain; re-exported for the URLconf."""

from groups.views.events import *  # noqa: F403
from groups.views.opendata import *  # noqa: F403
from groups.views.registration import *  # noqa: F403
from groups.views.volunteering import *  # noqa: F403
