"""Registration lists for organisers: CSV (UTF-8 with BOM so Excel shows Thai) and XLSX."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from network.lib.spreadsheets import csv_bytes, xlsx_bytes


def _rows(registrations):
    yield [
        _("Event"), _("Event start"), _("Person"), _("E-mail"), _("Representing"), _("Status"),
        _("Dietary needs"), _("Access needs"), _("Interpretation needed"), _("Registered at"),
    ]  # fmt: skip
    for r in registrations:
        yield [
            r.event.title,
            timezone.localtime(r.event.start).strftime("%Y-%m-%d %H:%M"),
            r.person.name,
            (r.person.user.email if r.person.user_id else "") or r.person.email,
            r.organisation.name if r.organisation_id else "",
            r.get_status_display(),
            r.diet,
            r.access,
            r.interpretation,
            timezone.localtime(r.created).strftime("%Y-%m-%d %H:%M"),
        ]


def export_queryset(registrations):
    return registrations.select_related("event", "person__user", "organisation").order_by(
        "event__start", "event_id", "status", "created", "pk"
    )


def csv_response(registrations, filename: str = "registrations.csv") -> HttpResponse:
    response = HttpResponse(
        csv_bytes(_rows(export_queryset(registrations))), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(registrations, filename: str = "registrations.xlsx") -> HttpResponse:
    response = HttpResponse(
        xlsx_bytes(_rows(export_queryset(registrations)), title="Registrations"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
