"""Who may read and change resources, discussions and their files. Members-only things are a 404
to outsiders; a resource someone may read but not change is a 403."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from events.access import get_event_for_user
from members.access import is_coordinator, is_member, require_member, role_of
from members.models import Membership, User

from .models import (
    Attachment,
    Comment,
    FundingCall,
    FundingCallDocument,
    Reply,
    Resource,
    Thread,
    Visibility,
)


def can_change_resource(user, resource: Resource) -> bool:
    """Coordinators; whoever posted it; its authors; editors of its organisations."""
    if not user.is_authenticated or not user.is_active:
        return False
    if is_coordinator(user) or resource.created_by_id == user.pk:
        return True
    if resource.pk is None:
        return False
    # Read with the resource on its page (``is_author``); otherwise all() uses the page's
    # prefetch when there is one.
    authored = getattr(resource, "is_author", None)
    if authored is None:
        authored = any(person.user_id == user.pk for person in resource.authors.all())
    if authored:
        return True
    if role_of(user) != User.Role.EDITOR:
        return False  # edits no active organisation: no query needed
    return Membership.objects.filter(
        person__user=user,
        role=Membership.Role.EDITOR,
        organisation__in=resource.organisations.all(),
    ).exists()


def can_read_resource(user, resource: Resource) -> bool:
    if resource.is_published:
        return resource.is_public or is_member(user)
    return can_change_resource(user, resource)


def get_resource_for_view(request, slug: str, queryset=None) -> Resource:
    qs = queryset if queryset is not None else Resource.objects.all()
    resource = get_object_or_404(qs, slug=slug)
    if not can_read_resource(request.user, resource):
        raise Http404
    return resource


def get_resource_for_change(request, slug: str) -> Resource:
    resource = get_object_or_404(Resource, slug=slug)
    if not can_change_resource(request.user, resource):
        if not can_read_resource(request.user, resource):
            raise Http404
        raise PermissionDenied
    return resource


def get_resource_for_comment(request, slug: str) -> Resource:
    """A published resource a member may read, to comment on."""
    resource = get_resource_for_view(request, slug)
    require_member(request.user)
    if not resource.is_published:
        raise Http404
    return resource


def get_attachment_for_download(request, pk: int) -> Attachment:
    attachment = get_object_or_404(Attachment.objects.select_related("resource"), pk=pk)
    if not can_read_resource(request.user, attachment.resource):
        raise Http404
    return attachment


def can_read_thread(user, thread: Thread) -> bool:
    if thread.is_hidden:
        return is_coordinator(user)
    return thread.visibility == Visibility.PUBLIC or is_member(user)


def get_thread_for_view(request, pk: int) -> Thread:
    thread = get_object_or_404(Thread.objects.select_related("author__person"), pk=pk)
    if not can_read_thread(request.user, thread):
        raise Http404
    return thread


def can_mark_helpful(user, thread: Thread) -> bool:
    return user.is_authenticated and (thread.author_id == user.pk or is_coordinator(user))


def get_thread_for_helpful(request, pk: int) -> Thread:
    """A thread whose replies the user may mark helpful (its author, coordinators)."""
    thread = get_thread_for_view(request, pk)
    if not can_mark_helpful(request.user, thread):
        raise Http404
    return thread


FLAGGABLE = {"thread": Thread, "reply": Reply, "comment": Comment}


def get_content_for_flag(request, kind: str, pk: int):
    """The post being flagged (a thread, reply or comment), if the user may see it."""
    model = FLAGGABLE.get(kind)
    if model is None:
        raise Http404
    content = get_object_or_404(model, pk=pk, is_hidden=False)
    if isinstance(content, Thread):
        thread = content
    elif isinstance(content, Reply):
        thread = content.thread
    else:
        thread = None
        if content.resource_id and not can_read_resource(request.user, content.resource):
            raise Http404
        if content.event_id:
            get_event_for_user(request.user, content.event.slug)
    if thread is not None and not can_read_thread(request.user, thread):
        raise Http404
    return content


# --- Funding calls -------------------------------------------------------------------------------


def can_change_funding_call(user, call: FundingCall) -> bool:
    """Coordinators; the member who proposed it, while it waits for review."""
    if not user.is_authenticated or not user.is_active:
        return False
    if is_coordinator(user):
        return True
    return call.status == FundingCall.Status.PROPOSED and call.proposed_by_id == user.pk


def can_read_funding_call(user, call: FundingCall) -> bool:
    """Published calls are public; a proposal only for coordinators and the member who sent it."""
    if call.is_published:
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    return is_coordinator(user) or call.proposed_by_id == user.pk


def get_funding_call_for_view(request, slug: str, queryset=None) -> FundingCall:
    qs = queryset if queryset is not None else FundingCall.objects.all()
    call = get_object_or_404(qs, slug=slug)
    if not can_read_funding_call(request.user, call):
        raise Http404
    return call


def get_funding_call_for_change(request, slug: str) -> FundingCall:
    call = get_object_or_404(FundingCall, slug=slug)
    if not can_change_funding_call(request.user, call):
        if not can_read_funding_call(request.user, call):
            raise Http404
        raise PermissionDenied
    return call


def get_funding_document_for_download(request, pk: int) -> FundingCallDocument:
    document = get_object_or_404(FundingCallDocument.objects.select_related("call"), pk=pk)
    if not can_read_funding_call(request.user, document.call):
        raise Http404
    return document


# --- Surveys (h12-surveys) ------------------------------------------------------------------------


class NotInSegment(PermissionDenied):
    """The survey is for another part of the network; the page says which."""

    def __init__(self, survey):
        super().__init__()
        self.survey = survey


def get_survey_for_answer(request, slug: str):
    """The survey ``request.user`` may answer. A survey not open yet does not exist for anyone but
    coordinators (404); someone outside its segment is refused (403, with the reason), except
    coordinators, who see it marked ``preview_only``."""
    from . import segments
    from .models import Survey

    survey = get_object_or_404(Survey.objects.select_related("event", "topic"), slug=slug)
    coordinator = is_coordinator(request.user)
    if survey.opens_at > timezone.now() and not coordinator:
        raise Http404
    survey.preview_only = False
    if not segments.includes(survey, request.user):
        if not coordinator:
            raise NotInSegment(survey)
        survey.preview_only = True  # coordinators see what is asked; their answers would not count
    return survey


def can_see_survey_results(user, survey) -> bool:
    """Coordinators; those who answered, when the survey shares its results with them."""
    if is_coordinator(user):
        return True
    return (
        survey.results_for_respondents
        and user.is_authenticated
        and survey.responses.filter(user=user).exists()
    )


def get_survey_for_results(request, slug: str):
    from .models import Survey

    survey = get_object_or_404(Survey.objects.select_related("event", "topic"), slug=slug)
    if not can_see_survey_results(request.user, survey):
        raise PermissionDenied
    return survey
