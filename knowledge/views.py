"""Library pages. Reads keep a constant number of queries; writes are small function views that
check access, validate a form and call one service."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from taggit.models import Tag

from events.access import get_event_for_user
from members.access import coordinators_only, is_coordinator, is_member, require_member
from members.models import Organisation
from network.lib import pagecache, textlimits
from network.lib.markup import render_markdown
from network.lib.pagecache import public_page
from network.lib.pagination import paginate
from network.lib.storage import serve_stored_file
from network.lib.textlimits import MaxCharsValidator

from . import access, services
from .forms import CommentForm, LibraryFilterForm, ResourceForm, ReturnForm
from .funding_forms import DeclineFundingCallForm
from .models import CARD_FIELDS, Attachment, Comment, Flag, FundingCall, Resource

PAGE_SIZE = 20


LIBRARY_PARAMS = (*LibraryFilterForm.base_fields, "page")


@require_safe
@public_page(params=LIBRARY_PARAMS, shows=("knowledge.resource",))
def library(request):
    member = is_member(request.user)
    visible = Resource.objects.visible_to(request.user)

    def years():
        # Kept until the next change, per audience.
        return pagecache.remember(
            f"library-years:{'members' if member else 'public'}",
            lambda: Resource.objects.published_years(members=member),
            shows=("knowledge.resource",),
        )

    # Lazy: the page's body is one fragment shared by everyone in a role ({% shared_fragment %},
    # keyed by the canonical query), so a list someone in the same role saw costs no query.
    form = SimpleLazyObject(lambda: LibraryFilterForm(request.GET, years=years()))

    def count():
        # The whole library (sorted any way) is counted by the tally the database keeps.
        if form.values().keys() - {"sort"}:
            return None
        return Resource.objects.count_published(members=member)

    page = SimpleLazyObject(
        lambda: paginate(request.GET, form.filter(visible).for_cards(), PAGE_SIZE, count=count())
    )
    context = {
        "form": form,
        "page": page,
        "resources": SimpleLazyObject(lambda: page.object_list),
        "can_post": member,
        "query_key": pagecache.query_key(request, LIBRARY_PARAMS),
    }
    return render(request, "knowledge/library.html", context)


def resource_scopes(request, slug) -> tuple[str, ...]:
    """What a resource's page shows: the resource (its comments and files included) and what
    other resources are called (related resources); anything else changed bumps the generation."""
    return (f"knowledge.resource:{slug}", "knowledge.resource:listed")


@require_safe
@public_page(shows=resource_scopes)
def detail(request, slug):
    # What the page says outside its shared body (title, description, who may edit it).
    queryset = Resource.objects.only(*CARD_FIELDS, "created_by")
    if request.user.is_authenticated:
        authors = Resource.authors.through.objects.filter(
            resource=OuterRef("pk"), person__user=request.user.pk
        )
        queryset = queryset.annotate(is_author=Exists(authors))
    resource = access.get_resource_for_view(request, slug, queryset)

    # The page's body is shared by everyone in a role ({% shared_fragment %}) and kept until the
    # resource changes: the whole resource and what only the body shows are read lazily, when it
    # is not in the cache.
    def whole_resource():
        return (
            Resource.objects.select_related("event")
            .prefetch_related(
                "attachments",
                "authors",
                Prefetch("organisations", Organisation.objects.for_links()),
                Prefetch("cities", Organisation.objects.for_links()),
                "topics",
                "tags",
            )
            .get(pk=resource.pk)
        )

    shown = SimpleLazyObject(whole_resource)

    def related():
        topic_ids = [t.pk for t in shown.topics.all()]
        return list(
            Resource.objects.only(
                "slug", "kind", "title_th", "title_en", "published_on"
            ).related_to(resource, user=request.user, topic_ids=topic_ids)
        )

    url = request.build_absolute_uri(resource.get_absolute_url())
    context = {
        "resource": resource,
        "shown": shown,
        "scopes": ",".join(resource_scopes(request, slug)),
        "related": SimpleLazyObject(related),
        "comments": SimpleLazyObject(
            lambda: list(resource.comments.filter(is_hidden=False).select_related("author__person"))
        ),
        "comment_form": CommentForm(),
        "can_edit": SimpleLazyObject(lambda: access.can_change_resource(request.user, resource)),
        "can_comment": is_member(request.user),
        "can_review": resource.status == Resource.Status.IN_REVIEW and is_coordinator(request.user),
        "share": share_links(url, resource.title),
        "flag_reasons": Flag.Reason.choices,
    }
    return render(request, "knowledge/resource.html", context)


def share_links(url: str, title: str) -> dict:
    """Plain share links: no third-party scripts or trackers on our pages."""
    u, t = quote(url, safe=""), quote(title, safe="")
    return {
        "facebook": f"https://www.facebook.com/sharer/sharer.php?u={u}",
        "line": f"https://social-plugins.line.me/lineit/share?url={u}",
        "x": f"https://x.com/intent/post?url={u}&text={t}",
    }


@require_safe
def attachment(request, pk, filename):
    """A resource's file, after the permission check; always a download, never sniffed."""
    item = access.get_attachment_for_download(request, pk)
    if filename != item.filename:
        raise Http404
    return serve_stored_file(item, public=item.resource.is_public)


def _form_page(request, form, resource=None):
    return render(
        request,
        "knowledge/resource_form.html",
        {"form": form, "resource": resource, "needs_review": services.needs_review(request.user)},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def new(request):
    require_member(request.user)
    if request.method != "POST":
        return _form_page(request, ResourceForm(user=request.user))
    form = ResourceForm(request.POST, request.FILES, user=request.user)
    if not form.is_valid():
        return _form_page(request, form)
    try:
        resource = services.save_resource(
            user=request.user,
            form=form,
            files=form.cleaned_data["attachments"],
            submit="submit" in request.POST,
        )
    except services.RateLimited as exc:
        form.add_error(None, str(exc))
        response = _form_page(request, form)
        response.status_code = 429
        return response
    _tell_status(request, resource)
    return redirect(resource)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, slug):
    resource = access.get_resource_for_change(request, slug)
    if request.method != "POST":
        return _form_page(request, ResourceForm(instance=resource, user=request.user), resource)
    form = ResourceForm(request.POST, request.FILES, instance=resource, user=request.user)
    if not form.is_valid():
        return _form_page(request, form, resource)
    resource = services.save_resource(
        user=request.user,
        form=form,
        files=form.cleaned_data["attachments"],
        submit="submit" in request.POST,
    )
    _tell_status(request, resource)
    return redirect(resource)


def _tell_status(request, resource):
    if resource.status == Resource.Status.IN_REVIEW:
        messages.info(
            request, _("Thank you! A coordinator will check the resource and publish it.")
        )
    elif resource.status == Resource.Status.PUBLISHED:
        messages.success(request, _("The resource is published."))
    else:
        messages.info(request, _("The draft is saved. Only you and the editors can see it."))


@login_required
@require_POST
def delete_attachment(request, slug, pk):
    resource = access.get_resource_for_change(request, slug)
    item = get_object_or_404(Attachment, pk=pk, resource=resource)
    services.delete_attachment(attachment=item)
    messages.success(request, _("The file was removed."))
    return redirect("knowledge:edit", slug=resource.slug)


@login_required
@require_POST
def preview(request):
    """The Markdown preview of the form: the same renderer and sanitiser as the saved text.

    Bounded like the text it previews: no longer than the longest Markdown field, and a budget of
    characters a minute per member.
    """
    require_member(request.user)
    text = request.POST.get("text", "")
    try:
        MaxCharsValidator(textlimits.DOCUMENT)(text)
    except ValidationError as exc:
        return JsonResponse({"error": exc.messages[0]}, status=400)
    try:
        services.check_preview_budget(request.user, chars=len(text))
    except services.RateLimited as exc:
        return JsonResponse({"error": str(exc)}, status=429)
    return JsonResponse({"html": str(render_markdown(text))})


@require_safe
def tag_suggestions(request):
    """Tags starting with ``q`` (autocomplete in the form), taken only from resources the
    requester may read: a tag used only on members-only or unpublished work is not public."""
    prefix = request.GET.get("q", "").strip()[:50]
    readable = Resource.objects.visible_to(request.user)
    if request.user.is_authenticated:
        readable = readable | Resource.objects.filter(created_by=request.user)
    tags = Tag.objects.filter(
        taggit_taggeditem_items__content_type=ContentType.objects.get_for_model(Resource),
        taggit_taggeditem_items__object_id__in=readable.values("pk"),
    ).distinct()
    if prefix:
        tags = tags.filter(name__istartswith=prefix)
    return JsonResponse({"tags": list(tags.order_by("name").values_list("name", flat=True)[:15])})


# --- Review by coordinators ------------------------------------------------------------------------


@require_safe
@coordinators_only
def review_queue(request):
    waiting = (
        Resource.objects.in_review()
        .select_related("created_by__person")
        .prefetch_related("organisations")
        .order_by("updated", "pk")
    )
    # Funding calls members proposed wait in the same queue (knowledge/funding_views.py decides).
    calls = (
        FundingCall.objects.proposed()
        .select_related("proposed_by__person")
        .order_by("created", "pk")
    )
    context = {
        "waiting": waiting,
        "return_form": ReturnForm(),
        "funding_calls": calls,
        "decline_form": DeclineFundingCallForm(),
    }
    return render(request, "knowledge/review.html", context)


@require_POST
@coordinators_only
def publish(request, slug):
    resource = get_object_or_404(Resource, slug=slug)
    try:
        services.publish_resource(resource=resource, by=request.user)
    except services.NotInReview as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Published. The author will be told by e-mail."))
    return redirect("knowledge:review")


@require_POST
@coordinators_only
def return_for_changes(request, slug):
    resource = get_object_or_404(Resource, slug=slug)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say what the author should change."))
        return redirect("knowledge:review")
    try:
        services.return_resource(
            resource=resource, by=request.user, comment=form.cleaned_data["comment"]
        )
    except services.NotInReview as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Returned to the author with your comment."))
    return redirect("knowledge:review")


# --- Comments on resources and event reports -----------------------------------------------------


def _post_comment(request, target_url, **target):
    form = CommentForm(request.POST)
    if not form.is_valid():
        # Back in its own form, text kept and the error under it (the target page is cached).
        context = {
            "form": form,
            "target": target.get("resource") or target.get("event"),
            "action": request.path,
        }
        return render(request, "knowledge/comment_form.html", context, status=400)
    try:
        item = services.comment(user=request.user, body=form.cleaned_data["body"], **target)
    except services.RateLimited as exc:
        messages.error(request, str(exc))
        return redirect(target_url)
    return redirect(item.get_absolute_url())


@login_required
@require_POST
def comment_on_resource(request, slug):
    resource = access.get_resource_for_comment(request, slug)
    return _post_comment(request, resource.get_absolute_url(), resource=resource)


@login_required
@require_POST
def comment_on_event(request, slug):
    event = get_event_for_user(request.user, slug)
    require_member(request.user)
    return _post_comment(request, event.get_absolute_url(), event=event)


def event_comments(request, event) -> dict:
    """Context for ``knowledge/_event_comments.html`` on an event's report."""
    return {
        "event": event,
        "comments": Comment.objects.filter(event=event, is_hidden=False).select_related(
            "author__person"
        ),
        "comment_form": CommentForm(),
        "can_comment": is_member(request.user),
        "flag_reasons": Flag.Reason.choices,
        "event_comment_url": reverse("knowledge:comment_on_event", kwargs={"slug": event.slug}),
    }
