"""Discussions: members ask, answer and flag; the public reads public threads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from members.access import is_coordinator, is_member, require_member
from network.lib.pagecache import public_page
from network.lib.pagination import paginate

from . import access, services
from .forms import FlagForm, ReplyForm, ThreadFilterForm, ThreadForm
from .models import Flag, Reply, Thread

PAGE_SIZE = 25


@require_safe
@public_page(params=(*ThreadFilterForm.base_fields, "page"))
def discussions(request):
    form = ThreadFilterForm(request.GET)
    threads = form.filter(Thread.objects.visible_to(request.user).select_related("author__person"))
    page = paginate(request.GET, threads.prefetch_related("topics"), PAGE_SIZE)
    context = {
        "form": form,
        "page": page,
        "threads": page.object_list,
        "kinds": Thread.Kind.choices,
        "active_kind": form.values().get("kind", ""),
        "can_post": is_member(request.user),
    }
    return render(request, "knowledge/discussions.html", context)


@require_safe
@public_page
def thread(request, pk):
    return _thread_page(request, access.get_thread_for_view(request, pk))


def _thread_page(request, item, reply_form=None, status=200):
    """The discussion page; a refused reply comes back in its form, with the text kept."""
    coordinator = is_coordinator(request.user)
    replies = item.replies.select_related("author__person")
    if not coordinator:
        replies = replies.filter(is_hidden=False)
    context = {
        "thread": item,
        "topics": list(item.topics.all()),
        "replies": list(replies),
        "reply_form": reply_form or ReplyForm(),
        "flag_reasons": Flag.Reason.choices,
        "can_reply": is_member(request.user),
        "can_mark_helpful": access.can_mark_helpful(request.user, item),
    }
    return render(request, "knowledge/thread.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def new_thread(request):
    require_member(request.user)
    form = ThreadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.start_thread(user=request.user, form=form)
        except services.RateLimited as exc:
            form.add_error(None, str(exc))
            return render(request, "knowledge/thread_form.html", {"form": form}, status=429)
        return redirect(item)
    status = 400 if form.is_bound else 200
    return render(request, "knowledge/thread_form.html", {"form": form}, status=status)


@login_required
@require_POST
def reply(request, pk):
    item = access.get_thread_for_view(request, pk)
    require_member(request.user)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _thread_page(request, item, reply_form=form, status=400)
    try:
        answer = services.reply(user=request.user, thread=item, body=form.cleaned_data["body"])
    except services.RateLimited as exc:
        messages.error(request, str(exc))
        return redirect(item)
    return redirect(answer.get_absolute_url())


@login_required
@require_POST
def mark_helpful(request, pk, reply_pk):
    item = access.get_thread_for_helpful(request, pk)
    answer = get_object_or_404(Reply, pk=reply_pk, thread=item)
    services.mark_helpful(reply=answer, helpful=request.POST.get("helpful", "1") == "1")
    return redirect(answer.get_absolute_url())


@login_required
@require_POST
def flag(request, kind, pk):
    require_member(request.user)
    content = access.get_content_for_flag(request, kind, pk)
    form = FlagForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a reason."))
        return redirect(content.get_absolute_url())
    try:
        services.flag(user=request.user, content=content, **form.cleaned_data)
    except services.AlreadyFlagged as exc:
        messages.info(request, str(exc))
    else:
        messages.success(request, _("Thank you. A coordinator will look at it."))
    return redirect(content.get_absolute_url())
