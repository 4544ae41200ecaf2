"""Models of the collaboration app (built in a later issue)."""
