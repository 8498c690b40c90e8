from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX

from network.lib.admin import EraDatesMixin, LabelledAutocompleteMixin, date_column

from . import services
from .forms import OrganisationCleaning, ResizedImageField
from .models import (
    BudgetLine,
    FundingApplication,
    JoinRequest,
    Membership,
    Milestone,
    NetworkGroup,
    Organisation,
    Person,
    Programme,
    ProgressReport,
    Project,
    ProjectJoinRequest,
    ProjectOutput,
    ProjectPartner,
    ProjectPerson,
    Province,
    ReportAttachment,
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

    def clean(self):
        cleaned = super().clean()
        listed = (Organisation.Status.ACTIVE, Organisation.Status.ALUMNI)
        # Listing an organisation (not re-saving a listed one) needs what the directory shows.
        if cleaned.get("status") in listed and self.initial.get("status") not in listed:
            candidate = Organisation(
                description_th=cleaned.get("description_th") or "",
                description_en=cleaned.get("description_en") or "",
                province=cleaned.get("province"),
                latitude=cleaned.get("latitude"),
                longitude=cleaned.get("longitude"),
            )
            for field in services.missing_basics(candidate):
                self.add_error(field, ValidationError(MISSING_BASICS[field], code="required"))
        return cleaned


MISSING_BASICS = {
    "description_th": _("A listed organisation needs a description (Thai or English)."),
    "province": _("A listed organisation needs a province."),
    "latitude": _("A listed organisation needs a location on the map (latitude and longitude)."),
}


@admin.register(Organisation)
class OrganisationAdmin(EraDatesMixin, ExcelFriendlyImportExport):
    form = OrganisationAdminForm
    resource_classes = [OrganisationResource]
    list_display = [
        "name_th",
        "name_en",
        "kind",
        "region",
        "province",
        "status",
        date_column("joined_on", _("date joined")),
    ]
    list_filter = ["kind", "region", "status", "programmes", "municipality_level"]
    search_fields = ["name_th", "name_en", "short_name", "slug"]
    list_select_related = ["province"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["programmes", "topics", "province"]
    inlines = [MembershipInline]

    # Fields whose autocomplete offers cities only (events.Event.host_city): a study visit's host
    # city is a municipality. Other pickers get every organisation.
    CITY_FIELDS = {
        ("events", "event", "host_city"),
        ("knowledge", "resource", "cities"),
        ("members", "project", "cities"),
    }

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        source = tuple(
            request.GET.get(key, "") for key in ("app_label", "model_name", "field_name")
        )
        if source in self.CITY_FIELDS:
            queryset = queryset.cities()
        return queryset, may_have_duplicates

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if services.list_when_complete(organisation=obj):
            self.message_user(request, _("It is now listed in the public directory."))


class PersonAdminForm(admin.ModelAdmin.form):
    photo = ResizedImageField(label=_("photo"), required=False)


@admin.register(Person)
class PersonAdmin(EraDatesMixin, ExcelFriendlyImportExport):
    form = PersonAdminForm
    resource_classes = [PersonResource]
    list_display = ["__str__", "position", "email", "contact_visibility", "user"]
    list_filter = ["contact_visibility", "language", "memberships__organisation__kind"]
    search_fields = ["name_th", "name_en", "email", "user__email", "position"]
    list_select_related = ["user"]
    autocomplete_fields = ["user", "expertise"]
    inlines = [MembershipInline]


@admin.action(description=_("Approve the selected requests"))
def approve_requests(modeladmin, request, queryset):
    done = 0
    created = []
    for join_request in queryset.pending():
        proposal = join_request.is_proposal
        membership = services.approve_join_request(
            join_request=join_request, decided_by=request.user
        )
        if proposal:
            created.append(membership.organisation)
        done += 1
    modeladmin.message_user(
        request,
        ngettext("%(count)d request approved.", "%(count)d requests approved.", done)
        % {"count": done},
        messages.SUCCESS,
    )
    if not created:
        return None
    # Approved proposals are unlisted until completed: lead the coordinator to them.
    links = format_html_join(
        ", ",
        '<a href="{}">{}</a>',
        (
            (reverse("admin:members_organisation_change", args=[org.pk]), org.name)
            for org in created
        ),
    )
    modeladmin.message_user(
        request,
        format_html(
            "{} {}",
            ngettext(
                "The new organisation stays out of the public directory until it has a "
                "description, a province and a location on the map. Complete it:",
                "The new organisations stay out of the public directory until they have a "
                "description, a province and a location on the map. Complete them:",
                len(created),
            ),
            links,
        ),
        messages.WARNING,
    )
    if len(created) == 1:
        return redirect("admin:members_organisation_change", created[0].pk)
    return None


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
    list_display = [
        "person",
        "organisation",
        "proposed_name_th",
        "status",
        date_column("created", _("created")),
    ]
    list_filter = ["status", "organisation__kind"]
    search_fields = [
        "person__name_th",
        "person__name_en",
        "organisation__name_th",
        "proposed_name_th",
    ]
    list_select_related = ["person", "organisation"]
    autocomplete_fields = ["person", "organisation"]
    exclude = ["decided_at"]
    readonly_fields = [
        "decided_by",
        date_column("decided_at", _("decided at"), "datetime"),
        date_column("created", _("created"), "datetime"),
    ]
    actions = [approve_requests, decline_requests]


@admin.register(NetworkGroup)
class NetworkGroupAdmin(LabelledAutocompleteMixin, admin.ModelAdmin):
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
    list_display = [
        "email",
        "is_coordinator",
        "is_staff",
        "is_active",
        date_column("last_login", _("last login")),
    ]
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


# --- Joint projects ---------------------------------------------------------------------------------


class ProjectPartnerInline(admin.TabularInline):
    model = ProjectPartner
    extra = 0
    autocomplete_fields = ["organisation"]
    fields = ["organisation", "role"]


class ProjectPersonInline(admin.TabularInline):
    model = ProjectPerson
    extra = 0
    autocomplete_fields = ["person"]


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0


class MilestoneInline(EraDatesMixin, admin.TabularInline):
    model = Milestone
    extra = 0


class FundingApplicationInline(admin.TabularInline):
    model = FundingApplication
    extra = 0
    autocomplete_fields = ["call"]


class ProjectOutputInline(admin.TabularInline):
    model = ProjectOutput
    extra = 0
    autocomplete_fields = ["resource"]


@admin.register(Project)
class ProjectAdmin(EraDatesMixin, admin.ModelAdmin):
    list_display = [
        "title_th",
        "lead",
        "status",
        "visibility",
        date_column("start", _("start")),
        date_column("end", _("end")),
        "report_every_months",
        "is_example",
    ]
    list_filter = ["status", "visibility", "report_every_months", "is_example", "topics"]
    search_fields = ["title_th", "title_en", "slug", "lead__name_th", "lead__name_en"]
    list_select_related = ["lead"]
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["lead", "topics", "cities", "created_by"]
    inlines = [
        ProjectPartnerInline,
        ProjectPersonInline,
        BudgetLineInline,
        MilestoneInline,
        ProjectOutputInline,
        FundingApplicationInline,
    ]


class ReportAttachmentInline(admin.TabularInline):
    model = ReportAttachment
    extra = 0
    fields = ["filename", "content_type", "size"]
    readonly_fields = fields
    can_delete = True

    def has_add_permission(self, request, obj=None):
        return False  # files are checked by the report form on the site


@admin.register(ProgressReport)
class ProgressReportAdmin(admin.ModelAdmin):
    list_display = ["project", date_column("created", _("reported")), "spent", "author"]
    list_filter = ["project__status"]
    search_fields = ["project__title_th", "project__title_en", "text"]
    list_select_related = ["project", "author"]
    autocomplete_fields = ["project", "author"]
    readonly_fields = ["milestone_status"]
    inlines = [ReportAttachmentInline]


@admin.register(ProjectJoinRequest)
class ProjectJoinRequestAdmin(admin.ModelAdmin):
    list_display = ["project", "organisation", "status", date_column("created", _("created"))]
    list_filter = ["status"]
    search_fields = ["project__title_th", "project__title_en", "organisation__name_th"]
    list_select_related = ["project", "organisation"]
    autocomplete_fields = ["project", "organisation", "requested_by", "decided_by"]
