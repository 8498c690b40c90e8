"""Cells written for spreadsheets (CSV and XLSX exports) that cannot run as formulas.

A cell starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which some
spreadsheets skip before reading a formula) is run as a formula when the file is opened, so a
name such as ``=HYPERLINK("https://evil.example", "Click")`` in an export would become a live
link or worse (OWASP "CSV injection"). Every export prefixes such text with an apostrophe, which
spreadsheets read as "this is text"; imports take the apostrophe off again, so an exported file
imports back unchanged.
"""

import csv
import io
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    """``value`` with an apostrophe in front if it is text a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unescape_formula(value):
    """The inverse of :func:`escape_formula`, for importing a file this site exported."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def escape_row(row: Iterable) -> list:
    return [escape_formula(value) for value in row]


def csv_bytes(rows: Iterable[Iterable]) -> bytes:
    """``rows`` as CSV, every cell escaped, in UTF-8 with a byte-order mark (so Excel shows Thai)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(escape_row(row))
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(rows: Iterable[Iterable], *, title: str = "Sheet") -> bytes:
    """``rows`` as a one-sheet XLSX workbook, every cell escaped."""
    from openpyxl import Workbook  # only exports need it

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]  # the longest sheet name Excel accepts
    for row in rows:
        sheet.append(escape_row(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
