"""The outbox in the admin: what was sent to whom, what failed and why; failed messages resent."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy

from network.lib.admin import ComposeAndSendMixin

from . import announcements
from .outbox import delivery, service
from .outbox.models import Announcement, EmailPreferences, OutboxMessage, Suppression
from .tasks import send_announcement


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["created", "kind", "recipient", "language", "state", "attempts", "sent_at"]
    list_filter = ["state", "kind", ("created", admin.DateFieldListFilter), "bulk", "language"]
    search_fields = ["recipient"]
    date_hierarchy = "created"
    actions = ["resend_failed"]
    list_per_page = 50
    show_full_result_count = False  # the outbox grows large; counting it all is slow
    fieldsets = [
        (None, {"fields": ["kind", "recipient", "user", "language", "subject"]}),
        (
            _("Delivery"),
            {
                "fields": [
                    "state",
                    "attempts",
                    "last_error",
                    "next_attempt_at",
                    "claimed_until",
                    "sent_at",
                    "created",
                ]
            },
        ),
        (_("About"), {"fields": ["content_type", "object_id", "period", "bulk"]}),
        (_("Content"), {"fields": ["from_email", "reply_to", "headers", "body_text", "body_html"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in OutboxMessage._meta.fields if f.name != "id"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Resend the selected failed messages"), permissions=["change"])
    def resend_failed(self, request, queryset):
        pks = list(queryset.filter(state=OutboxMessage.State.FAILED).values_list("pk", flat=True))
        count = delivery.resend(OutboxMessage.objects.filter(pk__in=pks))
        for pk in pks:
            service.enqueue_on_commit(pk)
        self.message_user(
            request,
            ngettext(
                "%(count)d failed message queued again.",
                "%(count)d failed messages queued again.",
                count,
            )
            % {"count": count},
        )


@admin.register(EmailPreferences)
class EmailPreferencesAdmin(admin.ModelAdmin):
    list_display = ["user", "digest", "reminders", "announcements", "updated"]
    list_filter = ["digest", "reminders", "announcements"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]
    filter_horizontal = ["topics"]


@admin.register(Suppression)
class SuppressionAdmin(admin.ModelAdmin):
    list_display = ["address", "kind", "created"]
    search_fields = ["address"]


@admin.register(Announcement)
class AnnouncementAdmin(ComposeAndSendMixin, admin.ModelAdmin):
    """Write, preview (both languages, with the recipient count), then send."""

    list_display = ["title_th", "segment", "created", "sent_at", "recipients"]
    list_filter = ["segment", "sent_at"]
    search_fields = ["title_th", "title_en"]
    autocomplete_fields = ["event", "topic"]
    readonly_fields = ["news", "sent_at", "recipients", "created_by"]
    fields = [
        "title_th",
        "title_en",
        "body_th",
        "body_en",
        "segment",
        "region",
        "organisation_kind",
        "topic",
        "event",
        "publish_as_news",
        "news",
        "created_by",
        "sent_at",
        "recipients",
    ]
    change_form_template = "admin/network/announcement/change_form.html"
    send_task = send_announcement
    sent_message = ngettext_lazy(
        "The announcement is being sent to %(count)d person.",
        "The announcement is being sent to %(count)d people.",
        "count",
    )

    def recipient_count(self, announcement):
        return announcements.recipient_count(announcement)

    def preview_context(self, announcement):
        return {"previews": announcements.preview(announcement)}
