"""Writes for joint projects: saving one with its budget and milestones, joining, reporting."""

from collections.abc import Iterable
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from network.lib.thai import slug_text
from network.lib.uploads import safe_filename

from . import project_emails
from .models import (
    Milestone,
    Organisation,
    ProgressReport,
    Project,
    ProjectJoinRequest,
    ProjectOutput,
    ProjectPartner,
    ReportAttachment,
)

# Paths under /projects/ that a project's slug must never take.
RESERVED_PROJECT_SLUGS = {"new", "overdue", "requests", "attachments"}
# Each request e-mails the lead's editors, so one organisation may send only this many in a day.
PROJECT_JOIN_REQUESTS_PER_DAY = 10


class ProjectError(Exception):
    """A project change that cannot be made; ``str()`` is a message for the user."""


class AlreadyPartner(ProjectError):
    pass


class AlreadyRequested(ProjectError):
    pass


class AlreadyDecided(ProjectError):
    pass


class TooManyRequests(ProjectError):
    pass


def unique_project_slug(*texts: str) -> str:
    """A free slug from the English title, else the romanised Thai one."""
    base = slug_text(*texts)[:70].strip("-") or "project"
    if base in RESERVED_PROJECT_SLUGS:
        base = f"{base}-project"
    slug, n = base, 2
    while Project.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def save_project(
    *,
    form,
    formsets: Iterable = (),
    user,
    lead: Organisation | None = None,
    partners: Iterable[Organisation] | None = None,
    outputs: Iterable | None = None,
) -> Project:
    """Save a project from its validated form and inline formsets (budget, milestones, people).

    A new project needs ``lead`` (an organisation ``user`` edits: the view checked). ``partners``
    and ``outputs``, when given, replace the project's partner organisations and library outputs.
    """
    with transaction.atomic():
        project = form.save(commit=False)
        if project.pk is None:
            project.lead = lead
            project.created_by = user
            project.slug = unique_project_slug(project.title_en, project.title_th)
        project.save()
        form.save_m2m()
        if partners is not None:
            wanted = {org.pk for org in partners if org.pk != project.lead_id}
            project.partnerships.exclude(organisation_id__in=wanted).delete()
            have = set(project.partnerships.values_list("organisation_id", flat=True))
            ProjectPartner.objects.bulk_create(
                ProjectPartner(project=project, organisation_id=pk) for pk in wanted - have
            )
        if outputs is not None:
            wanted = {resource.pk for resource in outputs}
            project.outputs.exclude(resource_id__in=wanted).delete()
            have = set(project.outputs.values_list("resource_id", flat=True))
            ProjectOutput.objects.bulk_create(
                ProjectOutput(project=project, resource_id=pk) for pk in wanted - have
            )
        for formset in formsets:
            formset.instance = project
            formset.save()
    return project


def request_to_join_project(
    *, project: Project, organisation: Organisation, user, message: str
) -> ProjectJoinRequest:
    """Record "we want to join" for ``organisation`` and tell the lead's editors."""
    with transaction.atomic():
        # One request at a time per organisation: lock the organisation's row.
        Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
        if project.partnerships.filter(organisation=organisation).exists():
            raise AlreadyPartner(_("Your organisation is already a partner in this project."))
        if project.join_requests.pending().filter(organisation=organisation).exists():
            raise AlreadyRequested(_("Your organisation's request is already waiting."))
        since = timezone.now() - timezone.timedelta(days=1)
        if (
            ProjectJoinRequest.objects.filter(organisation=organisation, created__gte=since).count()
            >= PROJECT_JOIN_REQUESTS_PER_DAY
        ):
            raise TooManyRequests(
                _("Your organisation sent many requests today. Please try again tomorrow.")
            )
        try:
            with transaction.atomic():
                join_request = ProjectJoinRequest.objects.create(
                    project=project, organisation=organisation, requested_by=user, message=message
                )
        except IntegrityError:
            raise AlreadyRequested(_("Your organisation's request is already waiting.")) from None
        project_emails.queue_project_join_request(join_request)
    return join_request


def decide_project_join_request(
    *, join_request: ProjectJoinRequest, accept: bool, decided_by
) -> ProjectJoinRequest:
    """Accept (the organisation becomes a partner) or decline, and tell whoever asked."""
    with transaction.atomic():
        locked = ProjectJoinRequest.objects.select_for_update().get(pk=join_request.pk)
        if locked.status != ProjectJoinRequest.Status.PENDING:
            raise AlreadyDecided(_("This request was already decided."))
        join_request.status = (
            ProjectJoinRequest.Status.ACCEPTED if accept else ProjectJoinRequest.Status.DECLINED
        )
        join_request.decided_by = decided_by
        join_request.decided_at = timezone.now()
        join_request.save(update_fields=["status", "decided_by", "decided_at"])
        if accept:
            ProjectPartner.objects.get_or_create(
                project=join_request.project, organisation=join_request.organisation
            )
            # A saved project is indexed again for site search, now with its new partner.
            join_request.project.save(update_fields=["updated"])
        project_emails.queue_project_join_decision(join_request)
    return join_request


def submit_progress_report(
    *,
    project: Project,
    author,
    text: str,
    spent: Decimal,
    milestone_status: dict[int, str],
    files: Iterable = (),
) -> ProgressReport:
    """Record a progress report: the milestones take the statuses given, and the report keeps a
    copy of them as they stood; ``files`` were checked by the form (``network.lib.uploads``)."""
    with transaction.atomic():
        milestones = list(project.milestones.select_for_update())
        changed = []
        for milestone in milestones:
            status = milestone_status.get(milestone.pk)
            if status and status != milestone.status:
                milestone.status = status
                changed.append(milestone)
        Milestone.objects.bulk_update(changed, ["status"])
        report = ProgressReport.objects.create(
            project=project,
            author=author,
            text=text,
            spent=spent,
            milestone_status=[
                {
                    "title_th": m.title_th,
                    "title_en": m.title_en,
                    "due": m.due.isoformat(),
                    "status": m.status,
                }
                for m in milestones
            ],
        )
        for upload, checked in files:
            ReportAttachment.objects.create(
                report=report,
                file=upload,
                filename=safe_filename(upload.name),
                content_type=checked.content_type,
                size=checked.size,
            )
    return report
