"""The admin as coordinators read it: Buddhist-Era dates in Thai, both eras accepted when typed.

Plumbing for every app's ``admin.py`` (imports no app): a mixin that swaps the admin's date inputs
for ones that show and accept B.E., list columns and a year filter that format dates with
``network.lib.dates``.
"""

import datetime as dt

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import widgets as admin_widgets
from django.db import models
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from . import datefields
from .datefields import input_date, with_hint
from .dates import format_date


class EraDateInput(admin_widgets.AdminDateWidget):
    """The admin's date box (with its calendar) showing the year in the reader's era."""

    def format_value(self, value):
        if isinstance(value, dt.date):
            return input_date(value)
        return super().format_value(value)


class EraDateField(datefields.EraDateField):
    widget = EraDateInput


class EraSplitDateTimeWidget(admin_widgets.AdminSplitDateTime):
    template_name = "network/admin/split_datetime.html"  # a label for each box, valid HTML

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.widgets = [EraDateInput(), admin_widgets.AdminTimeWidget()]


class EraSplitDateTimeField(forms.SplitDateTimeField):
    """Date (either era) and time in two boxes, like the admin's own, read in the reader's era."""

    widget = EraSplitDateTimeWidget

    def __init__(self, **kwargs):
        kwargs["help_text"] = with_hint(kwargs.get("help_text"))
        super().__init__(**kwargs)
        date_field = EraDateField(
            help_text=None, error_messages={"invalid": self.error_messages["invalid_date"]}
        )
        self.fields = (date_field, self.fields[1])


ERA_DATE_OVERRIDES = {
    models.DateTimeField: {"form_class": EraSplitDateTimeField, "widget": EraSplitDateTimeWidget},
    models.DateField: {"form_class": EraDateField, "widget": EraDateInput},
}


class EraDatesMixin:
    """For ModelAdmin and inlines: every date and date-time input shows and accepts B.E."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        for klass in type(db_field).__mro__:
            if klass in ERA_DATE_OVERRIDES and not db_field.choices:
                return db_field.formfield(**{**ERA_DATE_OVERRIDES[klass], **kwargs})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class LabelledAutocompleteSelect(admin_widgets.AutocompleteSelect):
    """The admin's search-as-you-type box whose empty choice has a label.

    Django writes ``<option value=""></option>`` for an optional field, which is not valid HTML
    (an option needs text or a label), and no option at all for a required one left empty, which
    a required ``<select>`` must have.
    """

    def optgroups(self, name, value, attrs=None):
        groups = super().optgroups(name, value, attrs)
        if self.is_required and not self.allow_multiple_selected and not any(groups[0][1]):
            groups[0][1].append(self.create_option(name, "", "", False, 0))
        return groups

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value == "" and not label:
            option["label"] = "—"
        return option


class LabelledAutocompleteMixin:
    """For ModelAdmin and inlines with ``autocomplete_fields``: optional ones get a valid empty choice."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = LabelledAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def date_column(field: str, description, style: str = "short"):
    """A list column showing ``field`` as "6 มี.ค. 2557" (Thai) or "6 Mar 2014" (English)."""

    @admin.display(description=description, ordering=field)
    def column(obj):
        value = obj
        for part in field.split("__"):
            value = getattr(value, part, None)
        return format_date(value, style) if value else "—"

    column.__name__ = f"{field}_date"
    return column


class YearFilter(admin.SimpleListFilter):
    """Years in the reader's era (2557 in Thai), newest first; subclass and set ``field``."""

    title = _("year")
    parameter_name = "year"
    field = ""

    def lookups(self, request, model_admin):
        years = (
            model_admin.model._default_manager.order_by()
            .values_list(f"{self.field}__year", flat=True)
            .distinct()
        )
        return [
            (str(year), format_date(dt.date(year, 1, 1), "year"))
            for year in sorted({y for y in years if y}, reverse=True)
        ]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(**{f"{self.field}__year": int(self.value())})
        return queryset


def year_filter(field: str):
    return type(f"{field.title()}YearFilter", (YearFilter,), {"field": field})


class ComposeAndSendMixin:
    """The admin of something coordinators write and then send to a segment of the network through
    the outbox (announcements, surveys): it records who wrote it, shows the recipient count, the
    problems to fix and a preview on the change page, and adds a POST-only "send" view that hands
    the sending to a worker.

    A subclass sets ``send_task`` (a task taking the object's pk), ``sent_message`` (an
    ``ngettext_lazy`` with a ``count`` placeholder), defines ``recipient_count(obj)``, and overrides
    ``preview_context()`` and, if something must be fixed before sending, ``problems()``.
    """

    send_task = None
    sent_message = ""

    def preview_context(self, obj) -> dict:
        return {}

    def problems(self, obj) -> list:
        return []

    def _url_name(self, view: str) -> str:
        return f"{self.model._meta.app_label}_{self.model._meta.model_name}_{view}"

    def save_model(self, request, obj, form, change):
        if not obj.created_by_id:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        send = self.admin_site.admin_view(require_POST(self.send_view))
        return [path("<int:pk>/send/", send, name=self._url_name("send")), *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = self.get_object(request, object_id)
        if obj is not None:
            extra_context.update(
                recipient_count=self.recipient_count(obj),
                problems=self.problems(obj),
                send_url=reverse(f"admin:{self._url_name('send')}", args=[obj.pk]),
                **self.preview_context(obj),
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def send_view(self, request, pk):
        obj = get_object_or_404(self.model, pk=pk)
        if not self.has_change_permission(request, obj):
            return redirect("admin:index")
        change_page = redirect(f"admin:{self._url_name('change')}", obj.pk)
        if found := self.problems(obj):
            self.message_user(request, " ".join(str(p) for p in found), messages.ERROR)
            return change_page
        count = self.recipient_count(obj)
        # Rendering thousands of e-mails is a worker's job; the request only hands it over.
        self.send_task.delay_on_commit(obj.pk)
        self.message_user(request, self.sent_message % {"count": count}, messages.SUCCESS)
        return change_page
