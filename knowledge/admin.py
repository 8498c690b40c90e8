from django import forms
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy

from network.lib.admin import (
    ComposeAndSendMixin,
    EraDatesMixin,
    LabelledAutocompleteMixin,
    date_column,
    year_filter,
)
from network.lib.uploads import check_upload, safe_filename

from . import funding_services, services, surveys
from .funding_forms import EligibilityFields
from .models import (
    Attachment,
    Comment,
    Flag,
    FundingCall,
    FundingCallDocument,
    Reply,
    Resource,
    Survey,
    SurveyOption,
    SurveyQuestion,
    Thread,
)
from .tasks import send_survey_invitations

# What members can report (knowledge/discussion_views.py FLAGGABLE): the only types a flag points at.
FLAGGABLE_MODELS = (Thread, Reply, Comment)


class AttachmentInline(EraDatesMixin, admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["title", "filename", "file_kind", "size", "position"]
    readonly_fields = ["filename", "file_kind", "size"]


@admin.register(Resource)
class ResourceAdmin(LabelledAutocompleteMixin, EraDatesMixin, admin.ModelAdmin):
    list_display = [
        "__str__",
        "kind",
        "status",
        "visibility",
        date_column("published_on", _("published")),
        "featured",
        "created_by",
    ]
    list_filter = [
        "status",
        "kind",
        "visibility",
        "language",
        "featured",
        "topics",
        year_filter("published_on"),
    ]
    search_fields = ["title_th", "title_en", "slug", "summary_th", "summary_en"]
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["authors", "organisations", "cities", "event", "created_by", "topics"]
    inlines = [AttachmentInline]
    actions = ["publish_selected", "archive_selected", "feature_selected"]
    list_select_related = ["created_by"]

    @admin.action(description=_("Publish the selected resources (and tell their authors)"))
    def publish_selected(self, request, queryset):
        done = 0
        for resource in queryset.exclude(status=Resource.Status.PUBLISHED):
            try:
                services.publish_resource(resource=resource, by=request.user)
            except services.NotInReview:
                continue
            done += 1
        self.message_user(
            request,
            ngettext("%d resource published.", "%d resources published.", done) % done,
            messages.SUCCESS,
        )

    @admin.action(description=_("Archive the selected resources"))
    def archive_selected(self, request, queryset):
        for resource in queryset:
            resource.status = Resource.Status.ARCHIVED
            resource.save(update_fields=["status", "updated"])

    @admin.action(description=_("Feature the selected resources"))
    def feature_selected(self, request, queryset):
        for resource in queryset:
            resource.featured = True
            resource.save(update_fields=["featured", "updated"])


def confirm_hiding(modeladmin, request, queryset, *, action: str, items) -> TemplateResponse:
    """The page that asks "hide these posts?" before anything is hidden, like Django's delete."""
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Hide these posts?"),
        "items": [(item, Truncator(text).chars(300)) for item, text in items],
        "queryset": queryset,
        "action": action,
        "opts": modeladmin.model._meta,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/knowledge/confirm_hide.html", context)


def _text(item) -> str:
    return f"{item.title}\n\n{item.body}" if isinstance(item, Thread) else item.body


class HideRestoreMixin:
    actions = ["hide_selected", "restore_selected"]

    @admin.action(description=_("Hide the selected posts"))
    def hide_selected(self, request, queryset):
        if request.POST.get("confirmed") != "yes":
            items = [(item, _text(item)) for item in queryset]
            return confirm_hiding(self, request, queryset, action="hide_selected", items=items)
        for item in queryset:
            services.set_hidden(content=item, hidden=True)
        count = len(queryset)
        self.message_user(
            request,
            ngettext("%(count)d post hidden.", "%(count)d posts hidden.", count) % {"count": count},
            messages.SUCCESS,
        )
        return None

    @admin.action(description=_("Restore the selected posts"))
    def restore_selected(self, request, queryset):
        for item in queryset:
            services.set_hidden(content=item, hidden=False)


@admin.register(Thread)
class ThreadAdmin(HideRestoreMixin, EraDatesMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "kind",
        "visibility",
        "author",
        "reply_count",
        "is_hidden",
        date_column("last_activity", _("last activity")),
    ]
    list_filter = ["kind", "visibility", "is_hidden", "topics"]
    search_fields = ["title", "body"]
    autocomplete_fields = ["author", "topics"]


@admin.register(Reply)
class ReplyAdmin(HideRestoreMixin, EraDatesMixin, admin.ModelAdmin):
    list_display = [
        "__str__",
        "thread",
        "author",
        "is_helpful",
        "is_hidden",
        date_column("created", _("created")),
    ]
    list_filter = ["is_hidden", "is_helpful"]
    search_fields = ["body"]
    autocomplete_fields = ["thread", "author"]


@admin.register(Comment)
class CommentAdmin(HideRestoreMixin, LabelledAutocompleteMixin, EraDatesMixin, admin.ModelAdmin):
    list_display = [
        "__str__",
        "resource",
        "event",
        "author",
        "is_hidden",
        date_column("created", _("created")),
    ]
    list_filter = ["is_hidden"]
    search_fields = ["body"]
    autocomplete_fields = ["resource", "event", "author"]


class FlaggableTypeFilter(admin.SimpleListFilter):
    """Only the kinds of post a member can report, not every content type in the database."""

    title = _("kind of post")
    parameter_name = "content_type"

    def lookups(self, request, model_admin):
        types = ContentType.objects.get_for_models(*FLAGGABLE_MODELS)
        return [(str(types[model].pk), model._meta.verbose_name) for model in FLAGGABLE_MODELS]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(content_type_id=int(self.value()))
        return queryset


@admin.register(Flag)
class FlagAdmin(admin.ModelAdmin):
    """Flagged content: coordinators read the post, then hide it or dismiss the report."""

    list_display = [
        "flagged",
        "reason",
        "note",
        "reporter",
        "status",
        date_column("created", _("reported")),
    ]
    list_display_links = ["reason"]
    list_filter = ["status", "reason", FlaggableTypeFilter]
    list_select_related = ["reporter", "content_type"]
    fields = ["flagged_post", "reason", "note", "reporter", "reported", "status"]
    readonly_fields = ["flagged_post", "reason", "note", "reporter", "reported"]
    actions = ["hide_content", "restore_content"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("content")

    def has_add_permission(self, request):
        return False  # members report posts on the site; a report is never made up here

    def _links(self, flag):
        content = flag.content
        change_url = reverse(
            f"admin:{content._meta.app_label}_{content._meta.model_name}_change",
            args=[content.pk],
        )
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            content.get_absolute_url(),
            _("read it in context"),
            change_url,
            _("open in the admin"),
        )

    @admin.display(description=_("reported post"))
    def flagged(self, flag):
        if flag.content is None:
            return _("(deleted)")
        return format_html(
            "<strong>{}</strong>: {}<br>{}",
            flag.content._meta.verbose_name,
            Truncator(flag.flagged_text).chars(140),
            self._links(flag),
        )

    @admin.display(description=_("reported post"))
    def flagged_post(self, flag):
        if flag.content is None:
            return _("(deleted)")
        return format_html(
            '<strong>{}</strong><div style="white-space:pre-line;margin:.5em 0">{}</div>{}',
            flag.content._meta.verbose_name,
            flag.flagged_text,
            self._links(flag),
        )

    @admin.display(description=_("reported"))
    def reported(self, flag):
        return date_column("created", "")(flag) if flag.created else "—"

    @admin.action(description=_("Hide the flagged posts"))
    def hide_content(self, request, queryset):
        flags = [flag for flag in queryset if flag.content is not None]
        if request.POST.get("confirmed") != "yes":
            items = [(flag.content, flag.flagged_text) for flag in flags]
            return confirm_hiding(self, request, queryset, action="hide_content", items=items)
        for flag in flags:
            services.set_hidden(content=flag.content, hidden=True)
        self.message_user(
            request,
            ngettext("%(count)d post hidden.", "%(count)d posts hidden.", len(flags))
            % {"count": len(flags)},
            messages.SUCCESS,
        )
        return None

    @admin.action(description=_("Restore the flagged posts and close the reports"))
    def restore_content(self, request, queryset):
        for flag in queryset:
            if flag.content is not None:
                services.set_hidden(content=flag.content, hidden=False)


# --- Funding calls ------------------------------------------------------------------------------


class FundingCallAdminForm(EligibilityFields, forms.ModelForm):
    class Meta:
        model = FundingCall
        fields = [
            "title_th", "title_en", "slug", "funder", "programme", "description_th",
            "description_en", "amount_min", "amount_max", "deadline", "organisation_kinds",
            "regions", "topics", "language", "url", "status", "is_example", "proposed_by",
            "review_comment",
        ]  # fmt: skip


class FundingCallDocumentForm(forms.ModelForm):
    """A document uploaded in the admin is checked like a member's upload (network/lib/uploads.py)."""

    class Meta:
        model = FundingCallDocument
        fields = ["file", "title", "position"]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if (
            upload
            and upload is not getattr(self.instance, "file", None)
            and hasattr(upload, "content_type")
        ):
            checked = check_upload(upload)
            self.instance.filename = safe_filename(upload.name)
            self.instance.file_kind = checked.file_kind
            self.instance.content_type = checked.content_type
            self.instance.size = checked.size
        return upload


class FundingCallDocumentInline(EraDatesMixin, admin.TabularInline):
    model = FundingCallDocument
    form = FundingCallDocumentForm
    extra = 0
    fields = ["file", "title", "filename", "file_kind", "size", "position"]
    readonly_fields = ["filename", "file_kind", "size"]


@admin.register(FundingCall)
class FundingCallAdmin(EraDatesMixin, admin.ModelAdmin):
    form = FundingCallAdminForm
    list_display = [
        "__str__",
        "funder",
        "status",
        date_column("deadline", _("deadline")),
        "is_example",
        "proposed_by",
    ]
    list_filter = ["status", "language", "is_example", "topics", year_filter("deadline")]
    search_fields = ["title_th", "title_en", "slug", "funder", "programme"]
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["topics", "proposed_by"]
    readonly_fields = ["reviewed_by", date_column("published_at", _("published"), "datetime")]
    inlines = [FundingCallDocumentInline]
    list_select_related = ["proposed_by"]
    actions = ["publish_selected"]

    def save_model(self, request, obj, form, change):
        # A call a coordinator publishes here dates from now in the feeds and the digest.
        if obj.status == FundingCall.Status.PUBLISHED and obj.published_at is None:
            obj.publish(by=request.user)
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Publish the selected funding calls (and tell who proposed them)"))
    def publish_selected(self, request, queryset):
        done = 0
        for call in queryset.filter(status=FundingCall.Status.PROPOSED):
            funding_services.publish_funding_call(call=call, by=request.user)
            done += 1
        self.message_user(
            request,
            ngettext("%d funding call published.", "%d funding calls published.", done) % done,
            messages.SUCCESS,
        )


# --- Surveys (h12-surveys) ------------------------------------------------------------------------


class SurveyQuestionInline(admin.StackedInline):
    model = SurveyQuestion
    extra = 0
    fields = [("position", "kind", "required"), "text_th", "text_en", "option_list"]
    readonly_fields = ["option_list"]
    show_change_link = True

    @admin.display(description=_("options"))
    def option_list(self, question):
        if not question.pk:
            return _("Save first, then open the question to add its options.")
        if not question.has_options:
            return "—"
        labels = [option.label_th for option in question.options.all()]
        return " · ".join(labels) or _("None yet: open the question to add them.")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("options")


class SurveyOptionInline(admin.TabularInline):
    model = SurveyOption
    extra = 3
    fields = ["position", "label_th", "label_en"]


@admin.register(SurveyQuestion)
class SurveyQuestionAdmin(admin.ModelAdmin):
    """A question's options (Thai and English), reached from its survey."""

    list_display = ["text_th", "survey", "kind", "position"]
    list_select_related = ["survey"]
    search_fields = ["text_th", "text_en", "survey__title_th"]
    raw_id_fields = ["survey"]
    fields = ["survey", ("position", "kind", "required"), "text_th", "text_en"]
    inlines = [SurveyOptionInline]

    def response_change(self, request, obj):
        if "_continue" in request.POST or "_addanother" in request.POST:
            return super().response_change(request, obj)
        return redirect("admin:knowledge_survey_change", obj.survey_id)


@admin.register(Survey)
class SurveyAdmin(ComposeAndSendMixin, LabelledAutocompleteMixin, EraDatesMixin, admin.ModelAdmin):
    """Write the questions, choose who is asked, preview the invitation, send it, read results."""

    list_display = [
        "__str__",
        "segment",
        date_column("opens_at", _("opens")),
        date_column("closes_at", _("closes")),
        "invitations",
        "response_count",
        "results_link",
    ]
    list_filter = ["segment", "anonymous", ("feedback_for", admin.EmptyFieldListFilter)]
    search_fields = ["title_th", "title_en", "slug"]
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["event", "topic"]
    raw_id_fields = ["feedback_for"]
    readonly_fields = ["invited_at", "invitations", "created_by"]
    fieldsets = [
        (None, {"fields": ["title_th", "title_en", "intro_th", "intro_en", "slug"]}),
        (
            _("Who is asked"),
            {"fields": ["segment", "region", "organisation_kind", "topic", "event"]},
        ),
        (
            _("Answers"),
            {"fields": ["opens_at", "closes_at", "anonymous", "results_for_respondents"]},
        ),
        (
            _("Sending"),
            {"fields": ["feedback_for", "invited_at", "invitations", "created_by"]},
        ),
    ]
    inlines = [SurveyQuestionInline]
    change_form_template = "admin/knowledge/survey/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(answered=Count("responses"))

    @admin.display(description=_("answers"), ordering="answered")
    def response_count(self, survey):
        return survey.answered

    @admin.display(description=_("results"))
    def results_link(self, survey):
        return format_html(
            '<a href="{}">{}</a>', reverse("surveys:results", args=[survey.slug]), _("Results")
        )

    send_task = send_survey_invitations
    sent_message = ngettext_lazy(
        "The invitation is being sent to %(count)d person.",
        "The invitation is being sent to %(count)d people.",
        "count",
    )

    def recipient_count(self, survey):
        return surveys.recipient_count(survey)

    def problems(self, survey):
        found = surveys.problems(survey)
        if survey.closes_at and survey.closes_at <= timezone.now():
            found.append(_("The survey has closed: move its closing date first."))
        return found

    def preview_context(self, survey):
        return {
            "previews": surveys.preview(survey),
            "results_url": reverse("surveys:results", args=[survey.slug]),
        }
