from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import Attachment, Comment, Flag, Reply, Resource, Thread


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["title", "filename", "file_kind", "size", "position"]
    readonly_fields = ["filename", "file_kind", "size"]


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "kind",
        "status",
        "visibility",
        "published_on",
        "featured",
        "created_by",
    ]
    list_filter = ["status", "kind", "visibility", "language", "featured", "topics"]
    search_fields = ["title_th", "title_en", "slug", "summary_th", "summary_en"]
    date_hierarchy = "published_on"
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["authors", "organisations", "cities", "event", "created_by"]
    filter_horizontal = ["topics"]
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


class HideRestoreMixin:
    actions = ["hide_selected", "restore_selected"]

    @admin.action(description=_("Hide the selected posts"))
    def hide_selected(self, request, queryset):
        for item in queryset:
            services.set_hidden(content=item, hidden=True)

    @admin.action(description=_("Restore the selected posts"))
    def restore_selected(self, request, queryset):
        for item in queryset:
            services.set_hidden(content=item, hidden=False)


@admin.register(Thread)
class ThreadAdmin(HideRestoreMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "kind",
        "visibility",
        "author",
        "reply_count",
        "is_hidden",
        "last_activity",
    ]
    list_filter = ["kind", "visibility", "is_hidden", "topics"]
    search_fields = ["title", "body"]
    raw_id_fields = ["author"]
    filter_horizontal = ["topics"]


@admin.register(Reply)
class ReplyAdmin(HideRestoreMixin, admin.ModelAdmin):
    list_display = ["__str__", "thread", "author", "is_helpful", "is_hidden", "created"]
    list_filter = ["is_hidden", "is_helpful"]
    search_fields = ["body"]
    raw_id_fields = ["thread", "author"]


@admin.register(Comment)
class CommentAdmin(HideRestoreMixin, admin.ModelAdmin):
    list_display = ["__str__", "resource", "event", "author", "is_hidden", "created"]
    list_filter = ["is_hidden"]
    search_fields = ["body"]
    raw_id_fields = ["resource", "event", "author"]


@admin.register(Flag)
class FlagAdmin(admin.ModelAdmin):
    """Flagged content: coordinators hide the post or dismiss the report."""

    list_display = ["__str__", "reason", "note", "reporter", "status", "created"]
    list_filter = ["status", "reason", "content_type"]
    list_select_related = ["reporter", "content_type"]
    readonly_fields = ["content_type", "object_id", "reporter", "reason", "note", "created"]
    actions = ["hide_content", "restore_content"]

    @admin.action(description=_("Hide the flagged posts"))
    def hide_content(self, request, queryset):
        for flag in queryset:
            if flag.content is not None:
                services.set_hidden(content=flag.content, hidden=True)

    @admin.action(description=_("Restore the flagged posts and close the reports"))
    def restore_content(self, request, queryset):
        for flag in queryset:
            if flag.content is not None:
                services.set_hidden(content=flag.content, hidden=False)
