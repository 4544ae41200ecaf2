"""Models of the facilities app (built in a later issue)."""
