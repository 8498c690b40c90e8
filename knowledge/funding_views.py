"""Funding calls at /funding/: open calls by nearest deadline, the archive of closed ones, a page
per call; members propose calls, coordinators publish them (here or in the admin)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from members.access import (
    coordinators_only,
    is_coordinator,
    is_member,
    project_lead_choices,
    require_member,
)
from members.models import Project
from network.lib.pagecache import public_page
from network.lib.pagination import paginate
from network.lib.storage import serve_stored_file

from . import access, funding_services, services
from .funding_forms import DeclineFundingCallForm, FundingCallForm, FundingFilterForm
from .models import FundingCall, FundingCallDocument
from .views import PAGE_SIZE, share_links

LIST_PARAMS = (*FundingFilterForm.base_fields, "page")


def _listing(request, queryset, *, archive: bool):
    form = FundingFilterForm(request.GET)
    page = paginate(request.GET, form.filter(queryset).for_cards(), PAGE_SIZE)
    context = {
        "form": form,
        "page": page,
        "calls": page.object_list,
        "archive": archive,
        "can_propose": is_member(request.user),
    }
    return render(request, "knowledge/funding_list.html", context)


@require_safe
@public_page(params=LIST_PARAMS)
def funding_list(request):
    return _listing(request, FundingCall.objects.open(), archive=False)


@require_safe
@public_page(params=LIST_PARAMS)
def funding_archive(request):
    return _listing(request, FundingCall.objects.closed(), archive=True)


@require_safe
@public_page
def funding_detail(request, slug):
    queryset = FundingCall.objects.select_related("proposed_by").prefetch_related(
        "topics", "documents"
    )
    call = access.get_funding_call_for_view(request, slug, queryset)
    context = {
        "call": call,
        "can_edit": access.can_change_funding_call(request.user, call),
        "can_review": call.status == FundingCall.Status.PROPOSED and is_coordinator(request.user),
        "decline_form": DeclineFundingCallForm(),
        # Editors of an organisation may start a project that applies to an open call.
        "can_start_project": call.is_published
        and call.is_open
        and bool(project_lead_choices(request.user)),
        # Joint projects that recorded applying to this call, those the reader may see.
        "applications": list(
            call.project_applications.filter(
                project__in=Project.objects.visible_to(request.user)
            ).select_related("project__lead")
        ),
        "share": share_links(request.build_absolute_uri(call.get_absolute_url()), call.title),
    }
    return render(request, "knowledge/funding_detail.html", context)


@require_safe
def funding_document(request, pk, filename):
    document = access.get_funding_document_for_download(request, pk)
    if filename != document.filename:
        raise Http404
    return serve_stored_file(document, public=document.call.is_published)


def _form_page(request, form, call=None):
    return render(
        request,
        "knowledge/funding_form.html",
        {"form": form, "call": call, "will_be_reviewed": not is_coordinator(request.user)},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def funding_new(request):
    require_member(request.user)
    if request.method != "POST":
        return _form_page(request, FundingCallForm())
    form = FundingCallForm(request.POST, request.FILES)
    if not form.is_valid():
        return _form_page(request, form)
    try:
        call = funding_services.save_funding_call(
            user=request.user, form=form, files=form.cleaned_data["documents"]
        )
    except services.RateLimited as exc:
        form.add_error(None, str(exc))
        response = _form_page(request, form)
        response.status_code = 429
        return response
    if call.is_published:
        messages.success(request, _("The funding call is published."))
    else:
        messages.info(
            request, _("Thank you! A coordinator will check the funding call and publish it.")
        )
    return redirect(call)


@login_required
@require_http_methods(["GET", "POST"])
def funding_edit(request, slug):
    call = access.get_funding_call_for_change(request, slug)
    if request.method != "POST":
        return _form_page(request, FundingCallForm(instance=call), call)
    form = FundingCallForm(request.POST, request.FILES, instance=call)
    if not form.is_valid():
        return _form_page(request, form, call)
    call = funding_services.save_funding_call(
        user=request.user, form=form, files=form.cleaned_data["documents"]
    )
    messages.success(request, _("The funding call is saved."))
    return redirect(call)


@login_required
@require_POST
def funding_delete_document(request, slug, pk):
    call = access.get_funding_call_for_change(request, slug)
    document = get_object_or_404(FundingCallDocument, pk=pk, call=call)
    services.delete_attachment(attachment=document)
    messages.success(request, _("The file was removed."))
    return redirect("funding:edit", slug=call.slug)


@coordinators_only
@require_POST
def funding_publish(request, slug):
    call = get_object_or_404(FundingCall, slug=slug)
    try:
        funding_services.publish_funding_call(call=call, by=request.user)
    except funding_services.NotProposed as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Published. The member who proposed it will be told by e-mail.")
        )
    return redirect("knowledge:review")


@coordinators_only
@require_POST
def funding_decline(request, slug):
    call = get_object_or_404(FundingCall, slug=slug)
    form = DeclineFundingCallForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the funding call is not published."))
        return redirect("knowledge:review")
    try:
        funding_services.reject_funding_call(
            call=call, by=request.user, comment=form.cleaned_data["comment"]
        )
    except funding_services.NotProposed as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Declined. The member who proposed it will be told why."))
    return redirect("knowledge:review")
