"""Coordinators run events here: agenda, sites and delegations inline, registrations and exports."""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from members.models import Organisation
from network.lib.admin import EraDatesMixin, LabelledAutocompleteMixin, date_column, year_filter

from . import emails, exports, services
from .models import (
    CalendarToken,
    Delegation,
    Event,
    Photo,
    Pledge,
    PledgeUpdate,
    Registration,
    Session,
    Site,
)

# A change to any of these tells everyone registered.
NOTIFY_FIELDS = ("start", "end", "venue_name", "address", "online_link")


class SessionInline(EraDatesMixin, admin.StackedInline):
    # Eight columns do not fit 1280 px as a table; three compact rows per session do.
    model = Session
    extra = 0
    fields = [
        ("day", "start_time", "end_time", "place"),
        ("title_th", "title_en"),
        ("speakers", "speakers_text"),
    ]
    autocomplete_fields = ["speakers"]
    classes = ["compact-inline"]


class SiteInline(admin.StackedInline):
    model = Site
    extra = 0
    fields = [
        ("name_th", "name_en"),
        ("description_th", "description_en"),
        ("latitude", "longitude"),
        "position",
    ]


class DelegationInline(LabelledAutocompleteMixin, admin.TabularInline):
    model = Delegation
    extra = 0
    autocomplete_fields = ["organisation", "lead"]


class PhotoInline(admin.TabularInline):
    model = Photo
    extra = 0


class EmailRegistrantsForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    message = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}))


@admin.register(Event)
class EventAdmin(LabelledAutocompleteMixin, EraDatesMixin, admin.ModelAdmin):
    list_display = [
        "short_title",
        "kind",
        date_column("start", _("start")),
        "status",
        "visibility",
        "registrations",
    ]
    list_display_links = ["short_title"]
    list_filter = ["kind", "status", "region", "visibility", year_filter("start")]
    search_fields = ["title_th", "title_en", "slug", "venue_name"]
    ordering = ["-start"]
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["hosts", "co_organisers", "topics", "host_city"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [SessionInline, SiteInline, DelegationInline, PhotoInline]
    actions = [
        "export_csv", "export_xlsx", "promote_waiting", "email_registrants", "duplicate",
        "publish", "cancel",
    ]  # fmt: skip
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "kind",
                    ("title_th", "title_en"),
                    "slug",
                    ("description_th", "description_en"),
                    "cover",
                ]
            },
        ),
        (
            _("When and where"),
            {
                "fields": [
                    ("start", "end"),
                    "venue_name",
                    "address",
                    ("latitude", "longitude"),
                    "online_link",
                    "region",
                ]
            },
        ),
        (_("Who"), {"fields": ["hosts", "co_organisers", "topics"]}),
        (
            _("Registration"),
            {
                "fields": [
                    "status",
                    "visibility",
                    "capacity",
                    ("registration_opens", "registration_closes"),
                    "requires_approval",
                ]
            },
        ),
        (
            _("Study visit"),
            {"fields": ["host_city", ("lessons_th", "lessons_en")], "classes": ["collapse"]},
        ),
        (
            _("Outcome report"),
            {
                "fields": [
                    ("report_summary_th", "report_summary_en"),
                    ("resolutions_th", "resolutions_en"),
                    "report_links",
                ],
                "classes": ["collapse"],
            },
        ),
    ]

    def get_queryset(self, request):
        status = Registration.Status
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_confirmed=Count(
                    "registrations", filter=Q(registrations__status=status.CONFIRMED)
                ),
                n_waiting=Count("registrations", filter=Q(registrations__status=status.WAITING)),
                n_attended=Count("registrations", filter=Q(registrations__status=status.ATTENDED)),
            )
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "host_city":
            kwargs["queryset"] = Organisation.objects.cities()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("title"), ordering="title_th")
    def short_title(self, obj):
        # Whole titles wrap onto many lines; the list shows the start and the full one on hover.
        return format_html('<span title="{}">{}</span>', obj.title, Truncator(obj.title).chars(80))

    @admin.display(description=_("confirmed · waiting · attended"), ordering="-n_confirmed")
    def registrations(self, obj):
        # One narrow column instead of three: the list fits 1280 px next to the filters.
        return f"{obj.n_confirmed} · {obj.n_waiting} · {obj.n_attended}"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if (
            change
            and obj.status == Event.Status.PUBLISHED
            and set(NOTIFY_FIELDS) & set(form.changed_data)
        ):
            count = services.notify_event_changed(event=obj)
            if count:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d registered person will be told about the change.",
                        "%(count)d registered people will be told about the change.",
                        count,
                    )
                    % {"count": count},
                )

    def _registrations(self, queryset):
        return Registration.objects.filter(event__in=queryset)

    @admin.action(description=_("Export registrations (CSV)"))
    def export_csv(self, request, queryset):
        return exports.csv_response(self._registrations(queryset))

    @admin.action(description=_("Export registrations (Excel)"))
    def export_xlsx(self, request, queryset):
        return exports.xlsx_response(self._registrations(queryset))

    @admin.action(description=_("Promote from the waiting list into free seats"))
    def promote_waiting(self, request, queryset):
        promoted = sum(len(services.promote_waiting_list(event=event)) for event in queryset)
        self.message_user(
            request,
            ngettext("%(count)d person promoted.", "%(count)d people promoted.", promoted)
            % {"count": promoted},
        )

    @admin.action(description=_("E-mail everyone registered"))
    def email_registrants(self, request, queryset):
        submitted = "send" in request.POST or "preview" in request.POST
        form = EmailRegistrantsForm(request.POST if submitted else None)
        if form.is_valid() and "send" in request.POST:
            count = sum(
                services.email_registrants(event=event, **form.cleaned_data) for event in queryset
            )
            self.message_user(
                request,
                ngettext("%(count)d e-mail will be sent.", "%(count)d e-mails will be sent.", count)
                % {"count": count},
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("E-mail everyone registered"),
            "form": form,
            "events": queryset,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        if form.is_valid():
            # The shared composer: who it reaches and how it reads, in Thai and in English.
            context.update(
                recipient_count=Registration.objects.filter(
                    event__in=queryset, status__in=emails.NOTIFIED_STATUSES
                ).count(),
                previews=emails.preview_message(queryset[0], **form.cleaned_data),
            )
        return TemplateResponse(request, "admin/events/email_registrants.html", context)

    @admin.action(description=_("Duplicate (draft one year later)"))
    def duplicate(self, request, queryset):
        for event in queryset:
            services.duplicate_event(event=event)
        self.message_user(
            request, _("Draft copies were made; check their dates before publishing.")
        )

    @admin.action(description=_("Publish"))
    def publish(self, request, queryset):
        for event in queryset:
            services.publish_event(event=event)
        self.message_user(request, _("Published."))

    @admin.action(description=_("Cancel and tell everyone registered"))
    def cancel(self, request, queryset):
        for event in queryset:
            services.cancel_event(event=event)
        self.message_user(
            request, _("Cancelled; registered people will be told by e-mail."), messages.WARNING
        )


@admin.register(Registration)
class RegistrationAdmin(LabelledAutocompleteMixin, EraDatesMixin, admin.ModelAdmin):
    list_display = [
        "person",
        "event",
        "organisation",
        "status",
        date_column("created", _("registered at")),
    ]
    list_filter = ["status", "event__kind", year_filter("event__start")]
    list_select_related = ["person", "event", "organisation"]
    search_fields = [
        "person__name_th",
        "person__name_en",
        "person__user__email",
        "event__title_th",
        "event__title_en",
    ]
    autocomplete_fields = ["person", "event", "organisation"]
    actions = ["export_csv", "export_xlsx", "mark_attended", "approve"]

    @admin.action(description=_("Export (CSV)"))
    def export_csv(self, request, queryset):
        return exports.csv_response(queryset)

    @admin.action(description=_("Export (Excel)"))
    def export_xlsx(self, request, queryset):
        return exports.xlsx_response(queryset)

    @admin.action(description=_("Mark attended"))
    def mark_attended(self, request, queryset):
        count = services.mark_attended(registrations=queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d registration marked attended.",
                "%(count)d registrations marked attended.",
                count,
            )
            % {"count": count},
        )

    @admin.action(description=_("Approve (confirm or wait-list)"))
    def approve(self, request, queryset):
        done = 0
        for registration in queryset.filter(status=Registration.Status.PENDING):
            services.approve_registration(registration=registration)
            done += 1
        self.message_user(
            request,
            ngettext("%(count)d registration approved.", "%(count)d registrations approved.", done)
            % {"count": done},
        )


class PledgeUpdateInline(EraDatesMixin, admin.TabularInline):
    model = PledgeUpdate
    extra = 0


@admin.register(Pledge)
class PledgeAdmin(LabelledAutocompleteMixin, EraDatesMixin, admin.ModelAdmin):
    list_display = [
        "action",
        "person",
        "organisation",
        "event",
        "status",
        date_column("due", _("due date")),
    ]
    list_filter = ["status", "event__kind"]
    list_select_related = ["person", "organisation", "event"]
    search_fields = ["action", "person__name_th", "person__name_en"]
    autocomplete_fields = ["person", "organisation", "event"]
    inlines = [PledgeUpdateInline]


@admin.register(CalendarToken)
class CalendarTokenAdmin(admin.ModelAdmin):
    """Coordinators may revoke a person's calendar-feed address (delete it: the person gets a new
    one on their next visit) but never read it: the token is the feed's only password."""

    list_display = ["user"]
    search_fields = ["user__email"]
    exclude = ["token"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def lookup_allowed(self, lookup, value, request=None):
        # ?token__startswith=… in the list's address would let the token be guessed one
        # character at a time.
        if lookup.split("__")[0] == "token":
            return False
        return super().lookup_allowed(lookup, value, request)
