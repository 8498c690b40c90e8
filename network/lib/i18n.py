"""Bilingual fields: rows keep ``<field>_th`` and ``<field>_en`` and show the visitor's language."""

from django.utils.translation import get_language


def current_language() -> str:
    return "en" if (get_language() or "th").startswith("en") else "th"


def localized(obj, field: str) -> str:
    """Return ``obj.<field>_<lang>`` for the active language, falling back to the other one."""
    first, second = ("en", "th") if current_language() == "en" else ("th", "en")
    return getattr(obj, f"{field}_{first}", "") or getattr(obj, f"{field}_{second}", "")


class Localized:
    """Class attribute that reads the ``_th`` / ``_en`` pair for the visitor's language.

    ``name = Localized("name")`` on a model with ``name_th`` and ``name_en``.
    """

    def __init__(self, field: str):
        self.field = field

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return localized(obj, self.field)
