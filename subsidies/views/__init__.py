"""Views of the subsidies app, by area (re-exported here)."""
