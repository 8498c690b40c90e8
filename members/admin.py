from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX

from . import services
from .forms import OrganisationCleaning, ResizedImageField
from .models import (
    JoinRequest,
    Membership,
    NetworkGroup,
    Organisation,
    Person,
    Programme,
    Province,
    Topic,
    User,
)
from .resources import OrganisationResource, PersonResource


class ExcelFriendlyImportExport(ImportExportModelAdmin):
    formats = [CSV, XLSX]
    # A byte-order mark tells Excel the CSV is UTF-8, so Thai names open correctly.
    to_encoding = "utf-8-sig"
    from_encoding = "utf-8-sig"


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person", "organisation"]
    fields = ["person", "organisation", "role", "is_focal_point"]


class OrganisationAdminForm(OrganisationCleaning):
    class Meta:
        model = Organisation
        fields = "__all__"


@admin.register(Organisation)
class OrganisationAdmin(ExcelFriendlyImportExport):
    form = OrganisationAdminForm
    resource_classes = [OrganisationResource]
    list_display = ["name_th", "name_en", "kind", "region", "province", "status", "joined_on"]
    list_filter = ["kind", "region", "status", "programmes", "municipality_level"]
    search_fields = ["name_th", "name_en", "short_name", "slug"]
    list_select_related = ["province"]
    prepopulated_fields = {"slug": ["name_en"]}
    filter_horizontal = ["programmes", "topics"]
    inlines = [MembershipInline]


class PersonAdminForm(admin.ModelAdmin.form):
    photo = ResizedImageField(label=_("photo"), required=False)


@admin.register(Person)
class PersonAdmin(ExcelFriendlyImportExport):
    form = PersonAdminForm
    resource_classes = [PersonResource]
    list_display = ["__str__", "position", "email", "contact_visibility", "user"]
    list_filter = ["contact_visibility", "language", "memberships__organisation__kind"]
    search_fields = ["name_th", "name_en", "email", "user__email", "position"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["expertise"]
    inlines = [MembershipInline]


@admin.action(description=_("Approve the selected requests"))
def approve_requests(modeladmin, request, queryset):
    done = 0
    for join_request in queryset.pending():
        services.approve_join_request(join_request=join_request, decided_by=request.user)
        done += 1
    modeladmin.message_user(
        request,
        ngettext("%(count)d request approved.", "%(count)d requests approved.", done)
        % {"count": done},
        messages.SUCCESS,
    )


@admin.action(description=_("Decline the selected requests"))
def decline_requests(modeladmin, request, queryset):
    done = 0
    for join_request in queryset.pending():
        services.decline_join_request(join_request=join_request, decided_by=request.user)
        done += 1
    modeladmin.message_user(
        request,
        ngettext("%(count)d request declined.", "%(count)d requests declined.", done)
        % {"count": done},
        messages.SUCCESS,
    )


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = ["person", "organisation", "proposed_name_th", "status", "created"]
    list_filter = ["status", "organisation__kind"]
    search_fields = [
        "person__name_th",
        "person__name_en",
        "organisation__name_th",
        "proposed_name_th",
    ]
    list_select_related = ["person", "organisation"]
    autocomplete_fields = ["person", "organisation"]
    readonly_fields = ["decided_by", "decided_at", "created"]
    actions = [approve_requests, decline_requests]


@admin.register(NetworkGroup)
class NetworkGroupAdmin(admin.ModelAdmin):
    list_display = ["name_th", "name_en", "kind", "region", "lead"]
    list_filter = ["kind", "region"]
    search_fields = ["name_th", "name_en"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["lead", "organisations"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "start_year", "end_year"]
    search_fields = ["name"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name_th", "name_en", "slug", "position"]
    search_fields = ["name_th", "name_en"]


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["name_th", "name_en", "region"]
    list_filter = ["region"]
    search_fields = ["name_th", "name_en", "code"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "is_coordinator", "is_staff", "is_active", "last_login"]
    list_filter = ["is_coordinator", "is_staff", "is_superuser", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Name"), {"fields": ["first_name", "last_name"]}),
        (
            _("Roles"),
            {"fields": ["is_active", "is_coordinator", "is_staff", "is_superuser", "groups"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
