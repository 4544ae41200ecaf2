"""Models of the subsidies app (built in a later issue)."""
