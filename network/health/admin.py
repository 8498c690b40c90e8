from django.contrib import admin

from .models import HealthSnapshot, Nudge


@admin.register(HealthSnapshot)
class HealthSnapshotAdmin(admin.ModelAdmin):
    """Stored figures, for looking back; they are computed, never edited."""

    list_display = ["computed_at", "duration_ms", "summary"]
    fields = ["computed_at", "duration_ms", "summary"]
    readonly_fields = fields
    date_hierarchy = "computed_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).defer("figures", "graph")


@admin.register(Nudge)
class NudgeAdmin(admin.ModelAdmin):
    list_display = [
        "created",
        "person",
        "organisation",
        "period",
        "recipient",
        "sent_by",
        "sent_at",
    ]
    list_filter = ["period"]
    list_select_related = ["person", "organisation", "sent_by"]
    readonly_fields = [
        "person", "organisation", "period", "recipient", "sent_by", "created", "sent_at",
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
