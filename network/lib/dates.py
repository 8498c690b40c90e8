"""Dates as Thai readers expect them: Buddhist Era in Thai ("6 มีนาคม 2557"), Common Era in English.

One formatter for the whole site; templates reach it through the ``thaidate`` filter.
"""

import datetime as dt

from django.utils import timezone

from .i18n import current_language

BUDDHIST_ERA_OFFSET = 543

THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip
THAI_MONTHS_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip
ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
THAI_WEEKDAYS = ("จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์")
ENGLISH_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

FORMATS = ("date", "short", "datetime", "month", "weekday", "time", "year")


def format_date(
    value: dt.date | dt.datetime | None, style: str = "date", lang: str | None = None
) -> str:
    """Format ``value`` in ``style`` (one of FORMATS) for ``lang`` (default: the active language).

    Aware datetimes are shown in the current time zone (Asia/Bangkok by default).
    """
    if value is None or value == "":
        return ""
    if style not in FORMATS:
        style = "date"
    lang = lang or current_language()
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    time_part = f"{value.hour:02d}:{value.minute:02d}" if isinstance(value, dt.datetime) else ""
    if style == "time":
        return f"{time_part} น." if lang == "th" and time_part else time_part
    month = value.month - 1
    if lang == "th":
        year = value.year + BUDDHIST_ERA_OFFSET
        if style == "year":
            return str(year)
        if style == "month":
            return f"{THAI_MONTHS[month]} {year}"
        if style == "short":
            return f"{value.day} {THAI_MONTHS_SHORT[month]} {year}"
        text = f"{value.day} {THAI_MONTHS[month]} {year}"
        if style == "weekday":
            return f"วัน{THAI_WEEKDAYS[value.weekday()]}ที่ {text}"
        if style == "datetime" and time_part:
            return f"{text} เวลา {time_part} น."
        return text
    year = value.year
    if style == "year":
        return str(year)
    if style == "month":
        return f"{ENGLISH_MONTHS[month]} {year}"
    if style == "short":
        return f"{value.day} {ENGLISH_MONTHS[month][:3]} {year}"
    text = f"{value.day} {ENGLISH_MONTHS[month]} {year}"
    if style == "weekday":
        return f"{ENGLISH_WEEKDAYS[value.weekday()]}, {text}"
    if style == "datetime" and time_part:
        return f"{text}, {time_part}"
    return text


def format_range(start, end, lang: str | None = None) -> str:
    """ "6–7 มีนาคม 2557" for a multi-day span in one month; full dates otherwise."""
    if not end:
        return format_date(start, "date", lang)
    if isinstance(start, dt.datetime) and timezone.is_aware(start):
        start, end = timezone.localtime(start), timezone.localtime(end)
    start_day = start.date() if isinstance(start, dt.datetime) else start
    end_day = end.date() if isinstance(end, dt.datetime) else end
    if start_day == end_day:
        return format_date(start, "date", lang)
    if (start.year, start.month) == (end.year, end.month):
        tail = format_date(end, "date", lang)
        return f"{start.day}–{tail}"
    return f"{format_date(start, 'date', lang)} – {format_date(end, 'date', lang)}"
