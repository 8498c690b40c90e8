"""Joint projects at /projects/: the list, a project's page, and the lead's writes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from network.lib.pagecache import public_page
from network.lib.pagination import paginate
from network.lib.storage import serve_stored_file

from . import access, project_services
from .models import Person, Project, Topic
from .project_forms import (
    ProgressReportForm,
    ProjectDecisionForm,
    ProjectFilterForm,
    ProjectForm,
    ProjectJoinForm,
    _resources_for,
    project_formsets,
    published_call,
)

PAGE_SIZE = 20
LIST_PARAMS = (*ProjectFilterForm.base_fields, "page")
REPORTS_SHOWN = 10


@require_safe
@public_page(params=LIST_PARAMS)
def project_list(request):
    form = ProjectFilterForm(request.GET)
    projects = (
        form.filter(Project.objects.visible_to(request.user))
        .select_related("lead")
        .prefetch_related("topics")
        .annotate(partner_count=Count("partnerships"))
        .order_by("-created", "-pk")
    )
    page = paginate(request.GET, projects, PAGE_SIZE)
    return render(
        request,
        "members/projects/list.html",
        {
            "form": form,
            "page": page,
            "can_start": bool(access.project_lead_choices(request.user)),
        },
    )


@require_safe
@public_page
def project_detail(request, slug):
    project = access.get_project_for_view(request, slug)
    user = request.user
    partnerships = list(project.partnerships.select_related("organisation"))
    project.partner_ids = {p.organisation_id for p in partnerships}
    can_change = access.can_change_project(user, project)
    budget_lines = list(project.budget_lines.all())
    context = {
        "project": project,
        "partnerships": partnerships,
        "team": list(project.team.select_related("person")),
        "topics": [Topic(**card) for card in project.topic_cards],
        "applications": list(project.funding_applications.select_related("call")),
        "cities": list(project.cities.all()),
        "milestones": list(project.milestones.all()),
        "budget_lines": budget_lines,
        "budget_total": sum(line.amount for line in budget_lines),
        "outputs": list(
            project.outputs.filter(resource__in=_resources_for(user)).select_related("resource")
        ),
        "can_change": can_change,
        "can_join": bool(access.project_join_choices(user, project)),
        "show_reports": access.can_see_project_reports(user, project),
    }
    if context["show_reports"]:
        reports = list(
            project.reports.select_related("author__person").prefetch_related("attachments")[
                :REPORTS_SHOWN
            ]
        )
        context["reports"] = reports
        context["spent"] = reports[0].spent if reports else None
        context["next_report_due"] = project.next_report_due(
            reports[0].created if reports else None
        )
        context["today"] = timezone.localdate()
    return render(request, "members/projects/detail.html", context)


@login_required
@require_safe
def project_requests(request, slug):
    """The organisations asking to join, for the lead's editors (and coordinators) to decide."""
    project = access.get_project_for_change(request, slug)
    pending = project.join_requests.pending().select_related("organisation", "requested_by__person")
    return render(
        request, "members/projects/requests.html", {"project": project, "pending": pending}
    )


def _people_for(organisations):
    return (
        Person.objects.filter(memberships__organisation__in=organisations)
        .distinct()
        .order_by("name_th", "name_en")
    )


def _form_page(request, form, formsets, project=None, status=200):
    return render(
        request,
        "members/projects/form.html",
        {"form": form, "formsets": formsets, "project": project},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_new(request):
    leads = access.project_lead_choices(request.user)
    if not leads:
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = ProjectForm(data, user=request.user, leads=leads)
    # From a funding call's page ("Start a project for this call"): that call is pre-selected.
    call = published_call(request.GET.get("call")) if data is None else None
    formsets = project_formsets(data, instance=Project(), people=_people_for(leads), call=call)
    if data is not None and form.is_valid() and all(f.is_valid() for f in formsets):
        project = project_services.save_project(
            form=form,
            formsets=formsets,
            user=request.user,
            lead=form.cleaned_data["lead"],
            partners=form.cleaned_data["partners"],
            outputs=form.cleaned_data["outputs"],
        )
        messages.success(request, _("The project was created."))
        return redirect(project)
    return _form_page(request, form, formsets)


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request, slug):
    project = access.get_project_for_change(request, slug)
    data = request.POST if request.method == "POST" else None
    form = ProjectForm(data, instance=project, user=request.user)
    organisations = [
        project.lead_id,
        *project.partnerships.values_list("organisation_id", flat=True),
    ]
    formsets = project_formsets(data, instance=project, people=_people_for(organisations))
    if data is not None and form.is_valid() and all(f.is_valid() for f in formsets):
        project_services.save_project(
            form=form,
            formsets=formsets,
            user=request.user,
            partners=form.cleaned_data["partners"],
            outputs=form.cleaned_data["outputs"],
        )
        messages.success(request, _("The project was saved."))
        return redirect(project)
    return _form_page(request, form, formsets, project)


@login_required
@require_http_methods(["GET", "POST"])
def project_join(request, slug):
    project = access.get_project_for_joining(request, slug)
    choices = access.project_join_choices(request.user, project)
    form = ProjectJoinForm(request.POST or None, organisations=choices)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            project_services.request_to_join_project(
                project=project,
                organisation=form.cleaned_data["organisation"],
                user=request.user,
                message=form.cleaned_data["message"],
            )
        except (project_services.AlreadyRequested, project_services.AlreadyPartner) as exc:
            messages.info(request, str(exc))
            return redirect(project)
        except project_services.TooManyRequests as exc:
            form.add_error(None, str(exc))
            status = 429
        else:
            messages.success(
                request,
                _(
                    "Your request was sent to the lead organisation. You will get an e-mail when "
                    "they accept or decline it."
                ),
            )
            return redirect(project)
    return render(
        request, "members/projects/join.html", {"project": project, "form": form}, status=status
    )


@login_required
@require_POST
def project_decide(request, pk):
    join_request = access.get_project_join_request_for_decision(request, pk)
    form = ProjectDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose accept or decline."))
        return redirect(join_request.project)
    accept = form.cleaned_data["decision"] == "accept"
    try:
        project_services.decide_project_join_request(
            join_request=join_request, accept=accept, decided_by=request.user
        )
    except project_services.AlreadyDecided as exc:
        messages.info(request, str(exc))
        return redirect("projects:requests", slug=join_request.project.slug)
    else:
        name = join_request.organisation.name
        if accept:
            messages.success(request, _("%(name)s is now a partner.") % {"name": name})
        else:
            messages.success(request, _("The request was declined."))
    if join_request.project.join_requests.pending().exists():
        return redirect("projects:requests", slug=join_request.project.slug)
    return redirect(join_request.project)


@login_required
@require_http_methods(["GET", "POST"])
def project_report(request, slug):
    project = access.get_project_for_change(request, slug)
    milestones = project.milestones.all()
    form = ProgressReportForm(request.POST or None, request.FILES or None, milestones=milestones)
    if request.method == "POST" and form.is_valid():
        project_services.submit_progress_report(
            project=project,
            author=request.user,
            text=form.cleaned_data["text"],
            spent=form.cleaned_data["spent"],
            milestone_status=form.milestone_status(),
            files=form.cleaned_data["attachments"],
        )
        messages.success(request, _("The progress report was saved."))
        return redirect(project)
    budget_total = project.budget_lines.aggregate(total=Sum("amount"))["total"]
    return render(
        request,
        "members/projects/report_form.html",
        {"project": project, "form": form, "budget_total": budget_total},
    )


@require_safe
def report_attachment(request, pk, filename):
    item = access.get_report_attachment_for_download(request, pk)
    if filename != item.filename:
        raise Http404
    return serve_stored_file(item, public=False)


@login_required
@require_safe
def project_overview(request):
    """Coordinators: running projects, overdue reports first, with spending against budget."""
    if not access.can_see_project_overview(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    rows = []
    for project in (
        Project.objects.filter(status=Project.Status.RUNNING).with_spending().select_related("lead")
    ):
        due = project.next_report_due(project.last_report_on)
        share = (
            round(100 * project.spent / project.budget_total)
            if project.spent is not None and project.budget_total
            else None
        )
        rows.append(
            {"project": project, "due": due, "overdue": bool(due and due < today), "share": share}
        )
    rows.sort(key=lambda r: (not r["overdue"], r["due"] or today.max, r["project"].title_th))
    return render(
        request,
        "members/projects/overview.html",
        {"rows": rows, "overdue": sum(r["overdue"] for r in rows), "today": today},
    )
