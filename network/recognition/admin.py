from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Contribution, Honour, Standing


@admin.register(Honour)
class HonourAdmin(admin.ModelAdmin):
    """Coordinators award honours by hand, with a citation; they appear on the honour roll."""

    list_display = ["title_th", "person", "organisation", "kind", "awarded_on", "awarded_by",
                    "is_example"]  # fmt: skip
    list_filter = ["kind", "awarded_on", "is_example"]
    list_select_related = ["person", "organisation", "awarded_by"]
    search_fields = ["title_th", "title_en", "citation_th", "citation_en", "person__name_th",
                     "person__name_en", "organisation__name_th", "organisation__name_en"]  # fmt: skip
    autocomplete_fields = ["person", "organisation"]
    date_hierarchy = "awarded_on"
    fieldsets = [
        (_("Recipient: a person or an organisation"), {"fields": ["person", "organisation"]}),
        (
            None,
            {
                "fields": [
                    "kind",
                    "title_th",
                    "title_en",
                    "citation_th",
                    "citation_en",
                    "awarded_on",
                    "is_example",
                ]
            },
        ),
    ]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.awarded_by = request.user
        super().save_model(request, obj, form, change)


class ReadOnly(admin.ModelAdmin):
    """Derived from the records by ``manage.py rebuild_recognition``: look, never edit."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Contribution)
class ContributionAdmin(ReadOnly):
    list_display = ["occurred_at", "person", "organisation", "action", "points", "source"]
    list_filter = ["action"]
    list_select_related = ["person", "organisation"]
    search_fields = ["source", "person__name_th", "person__name_en", "organisation__name_th",
                     "organisation__name_en"]  # fmt: skip
    date_hierarchy = "occurred_at"


@admin.register(Standing)
class StandingAdmin(ReadOnly):
    list_display = ["__str__", "points", "level", "badges", "computed_at"]
    list_filter = ["level"]
    list_select_related = ["person", "organisation"]
    search_fields = ["person__name_th", "person__name_en", "organisation__name_th",
                     "organisation__name_en"]  # fmt: skip
