"""What the cases area registers with the rest of the portal when the app is ready
(audit labels, bench pages, daily jobs, hooks into other apps)."""


def register() -> None:
    pass
