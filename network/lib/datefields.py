"""Date inputs that read and accept the Buddhist Era: "15/05/2570" and "15/05/2027" are one day.

Thai readers type the B.E. year; visitors from elsewhere the C.E. one. A text box with a hint
replaces the browser's date picker, which shows mm/dd/yyyy in the browser's own language.
The admin's inputs (network/lib/admin.py) build on these.
"""

import datetime as dt
import re

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .dates import BUDDHIST_ERA_OFFSET
from .i18n import current_language

# A four-digit year from 2400 on is Buddhist Era: 2400 B.E. is 1857 C.E., long before any
# record here, and no Common-Era year the network uses comes near 2400.
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
FIRST_BUDDHIST_YEAR = 2400

DATE_HINT = _("Day/month/year, e.g. 15/05/2570; a Buddhist-Era (2570) or Common-Era (2027) year.")
PLACEHOLDER = _("dd/mm/yyyy")


def with_hint(help_text):
    """The field's own help text followed by how to type a date; ``None`` means no hint."""
    if help_text is None:
        return None
    return format_lazy("{} {}", help_text, DATE_HINT) if help_text else DATE_HINT


def to_common_era(text: str) -> str:
    """``text`` with a Buddhist-Era year turned into its Common-Era year; other text unchanged."""

    def convert(match):
        year = int(match.group(1))
        return str(year - BUDDHIST_ERA_OFFSET) if year >= FIRST_BUDDHIST_YEAR else match.group(1)

    return _YEAR.sub(convert, text)


def input_date(value: dt.date) -> str:
    """The date as it is typed: 15/05/2570 in Thai, 15/05/2027 otherwise."""
    year = value.year + BUDDHIST_ERA_OFFSET if current_language() == "th" else value.year
    return f"{value.day:02d}/{value.month:02d}/{year}"


class EraDateInput(forms.TextInput):
    """A text box showing the date in the reader's era, with a dd/mm/yyyy placeholder."""

    def __init__(self, attrs=None):
        super().__init__({"placeholder": PLACEHOLDER, "inputmode": "numeric", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, dt.date):
            return input_date(value)
        return super().format_value(value)


class EraDateField(forms.DateField):
    """Accepts dd/mm/yyyy (and yyyy-mm-dd) with a Buddhist-Era or a Common-Era year."""

    widget = EraDateInput
    # What the hint promises in every language: English's own formats read 05/06 as 6 May and
    # refuse 15/05.
    INPUT_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")

    def __init__(self, **kwargs):
        kwargs["help_text"] = with_hint(kwargs.get("help_text", ""))
        kwargs.setdefault("input_formats", self.INPUT_FORMATS)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = to_common_era(value.strip())
        return super().to_python(value)
