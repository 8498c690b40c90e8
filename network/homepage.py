"""What the home page shows from each app. The apps know nothing about the home page."""


def home_sections(request) -> dict:
    """Latest public resources and upcoming events for the visitor (filled in as the apps land)."""
    return {}
