"""Who a user is to the network. Every permission check in the project starts here."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.contrib.postgres.expressions import ArraySubquery
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from network.lib import pagecache

from .models import (
    AdviceRequest,
    JoinRequest,
    Membership,
    MentoringPair,
    Organisation,
    Person,
    Project,
    ProjectJoinRequest,
    ReportAttachment,
    User,
    organisation_project_cards,
    project_topic_cards,
)


def role_of(user) -> User.Role:
    """The highest role a (possibly anonymous) user holds, cached on the user for the request.

    Every page a member opens asks, so the role that memberships give is also kept in the cache
    (``pagecache.remember``: Redis instead of a query joining three tables) until any membership,
    organisation, person or user changes.
    """
    if not user.is_authenticated or not user.is_active:
        return User.Role.PUBLIC
    cached = getattr(user, "_network_role", None)
    if cached is not None:
        return cached
    if user.is_superuser:
        role = User.Role.SUPERUSER
    elif user.is_coordinator:
        role = User.Role.COORDINATOR
    else:
        role = _membership_role(user)
    user._network_role = role
    return role


def _membership_role(user) -> User.Role:
    # Kept until the next change of the network's rows (the page cache's generation, which every
    # saved or deleted membership, organisation, person or user bumps).
    return User.Role(
        pagecache.remember(f"role:{user.pk}", lambda: str(_role_from_memberships(user)), shows=())
    )


def _role_from_memberships(user) -> User.Role:
    roles = {
        m.role for m in memberships_of(user) if m.organisation.status == Organisation.Status.ACTIVE
    }
    if Membership.Role.EDITOR in roles:
        return User.Role.EDITOR
    return User.Role.MEMBER if roles else User.Role.PUBLIC


def memberships_of(user) -> list[Membership]:
    """The user's memberships with their organisations, fetched once per request and cached on
    the user (role checks and "I represent" choices share the one query)."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_network_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(person__user=user)
            .select_related("organisation")
            .order_by("organisation__name_th")
        )
        user._network_memberships = cached
    return cached


def is_member(user) -> bool:
    """Members see members-only content: anyone in an active organisation, and coordinators."""
    return role_of(user) != User.Role.PUBLIC


def is_coordinator(user) -> bool:
    return role_of(user) in (User.Role.COORDINATOR, User.Role.SUPERUSER)


def coordinators_only(view):
    """A view for coordinators: anonymous visitors sign in first, everyone else is refused (403).
    The one check of every coordinators-only page (network health, the review queue)."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_coordinator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def require_member(user) -> None:
    """Posting is for members: anyone else is refused (403; views sign anonymous visitors in)."""
    if not is_member(user):
        raise PermissionDenied(_("Only members of the network can post."))


def may_decide_join_requests(user) -> bool:
    """Editors decide requests to join their organisations; coordinators decide every request."""
    return role_of(user) in (User.Role.EDITOR, User.Role.COORDINATOR, User.Role.SUPERUSER)


# --- One helper per model: return the object the user may see / change, or raise 404/403. --------


def is_editor_of(user, organisation) -> bool:
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(
        person__user=user, organisation=organisation, role=Membership.Role.EDITOR
    ).exists()


def can_view_organisation(user, organisation) -> bool:
    """Active members and alumni are public; applicants only to coordinators and their editors."""
    return organisation.is_listed or is_coordinator(user) or is_editor_of(user, organisation)


def can_change_organisation(user, organisation) -> bool:
    return is_coordinator(user) or is_editor_of(user, organisation)


def get_organisation_for_view(request, slug: str) -> Organisation:
    """The organisation if the user may see it; carries ``pending_join_requests`` and
    ``mentoring_pairs`` and ``project_cards`` (its panels) for its page."""
    pending = JoinRequest.objects.filter(
        organisation=OuterRef("pk"), status=JoinRequest.Status.PENDING
    )
    organisation = get_object_or_404(
        Organisation.objects.select_related("province").annotate(
            pending_join_requests=Exists(pending),
            project_cards=organisation_project_cards(),
            # Its mentoring pairs ride along: the page's panel costs no query of its own.
            mentoring_pairs=ArraySubquery(MentoringPair.objects.as_json_of(OuterRef("pk"))),
        ),
        slug=slug,
    )
    if not can_view_organisation(request.user, organisation):
        raise Http404
    return organisation


def get_organisation_for_change(request, slug: str) -> Organisation:
    """The organisation if the user edits it (its editors, coordinators); 403 for others."""
    organisation = get_object_or_404(Organisation.objects.select_related("province"), slug=slug)
    if not can_change_organisation(request.user, organisation):
        if not can_view_organisation(request.user, organisation):
            raise Http404
        raise PermissionDenied
    return organisation


def get_membership_for_change(request, slug: str, pk: int) -> Membership:
    """A membership of an organisation the user edits."""
    organisation = get_organisation_for_change(request, slug)
    return get_object_or_404(
        Membership.objects.select_related("person", "organisation"),
        pk=pk,
        organisation=organisation,
    )


def can_see_contact(user, person: Person) -> bool:
    """A person's e-mail, phone and LINE follow their choice: members only (default), public, hidden.

    People always see their own details; "hidden" hides them from everyone else.
    """
    if user.is_authenticated and person.user_id == user.pk:
        return True
    visibility = person.contact_visibility
    if visibility == Person.ContactVisibility.PUBLIC:
        return True
    if visibility == Person.ContactVisibility.MEMBERS:
        return is_member(user)
    return False


def can_see_organisation_contact(user) -> bool:
    """An organisation's e-mail and phone are for members; its address and web links are public."""
    return is_member(user)


def can_view_person(user, person: Person) -> bool:
    """A person's page is public once the network vouches for them: they belong to an active (or
    alumni) organisation, they coordinate the network, or coordinators entered them (a profile
    without an account, such as an outside speaker).

    A profile someone made for themselves without an approved membership could say anything
    ("official coordinator of the network"), so it is a 404 to the public and to other members;
    its owner, coordinators and the editors deciding the person's pending request see it.
    """
    if person.user_id is None:
        return True
    if user.is_authenticated and person.user_id == user.pk:
        return True
    if person.user.is_coordinator or person.user.is_superuser or is_coordinator(user):
        return True
    if Membership.objects.filter(
        person=person,
        organisation__status__in=[Organisation.Status.ACTIVE, Organisation.Status.ALUMNI],
    ).exists():
        return True
    return (
        user.is_authenticated
        and JoinRequest.objects.pending().decidable_by(user).filter(person=person).exists()
    )


def get_person_for_view(request, pk: int) -> Person:
    person = get_object_or_404(Person.objects.select_related("user"), pk=pk)
    if not can_view_person(request.user, person):
        raise Http404
    return person


def get_person_for_change(request, pk: int) -> Person:
    """People edit their own profile; coordinators edit anyone's."""
    person = get_object_or_404(Person.objects.select_related("user"), pk=pk)
    own = request.user.is_authenticated and person.user_id == request.user.pk
    if not (own or is_coordinator(request.user)):
        raise PermissionDenied
    return person


def get_join_request_for_decision(request, pk: int) -> JoinRequest:
    """A pending request the user may decide: proposals go to coordinators, others to editors too."""
    join_request = get_object_or_404(
        JoinRequest.objects.select_related("person__user", "organisation"), pk=pk
    )
    if is_coordinator(request.user):
        return join_request
    if join_request.organisation_id and is_editor_of(request.user, join_request.organisation):
        return join_request
    raise Http404


# --- People list and advisers (issue 12) ---------------------------------------------------------


def people_visible_to(user) -> QuerySet[Person]:
    """The people whose page ``user`` may see (``can_view_person``), as one queryset for lists.

    Coordinators see everyone. Others see the people the network vouches for (an active or alumni
    organisation, a coordinator, a profile entered without an account) and themselves. Applicants
    shown to the editors deciding their request stay off the list: editors meet them on the
    requests page.
    """
    people = Person.objects.all()
    if is_coordinator(user):
        return people
    vouched = Membership.objects.filter(
        person=OuterRef("pk"),
        organisation__status__in=[Organisation.Status.ACTIVE, Organisation.Status.ALUMNI],
    )
    who = (
        Q(user__isnull=True)
        | Q(user__is_coordinator=True)
        | Q(user__is_superuser=True)
        | Q(Exists(vouched))
    )
    if user.is_authenticated:
        who |= Q(user=user)
    return people.filter(who)


def can_ask_for_advice(user) -> bool:
    """Members of the network (and coordinators) ask advisers; an account alone is not enough."""
    return is_member(user)


def get_adviser_for_request(request, pk: int) -> Person:
    """A person the signed-in member may ask for advice: visible to them, willing to advise,
    with an active account to write to, and not themselves. 403 for non-members, else 404."""
    if not can_ask_for_advice(request.user):
        raise PermissionDenied
    adviser = get_object_or_404(
        Person.objects.select_related("user"),
        pk=pk,
        is_adviser=True,
        user__is_active=True,
    )
    if adviser.user_id == request.user.pk or not can_view_person(request.user, adviser):
        raise Http404
    return adviser


def get_advice_request_for_adviser(request, pk: int) -> AdviceRequest:
    """A request addressed to the signed-in user; 404 for everyone else (coordinators included:
    the request is between two people, coordinators see only the counts)."""
    if not request.user.is_authenticated:
        raise Http404
    return get_object_or_404(
        AdviceRequest.objects.select_related("requester__user", "adviser__user"),
        pk=pk,
        adviser__user=request.user,
    )


ADVICE_LINK_SALT = "members.advice.reply"
ADVICE_LINK_MAX_AGE = 90 * 24 * 3600  # a request left for three months is no longer news
ADVICE_ACTIONS = ("answered", "declined")


def advice_token(advice_request: AdviceRequest, action: str) -> str:
    """The signed key of the adviser's one-click links in the request e-mail."""
    return signing.dumps(
        [advice_request.pk, advice_request.adviser_id, action], salt=ADVICE_LINK_SALT
    )


def get_advice_request_for_token(token: str) -> tuple[AdviceRequest, str]:
    """(request, action) from a link in the adviser's e-mail; 404 for a forged, altered or old
    key, or a request that is no longer the adviser's."""
    try:
        value = signing.loads(token, salt=ADVICE_LINK_SALT, max_age=ADVICE_LINK_MAX_AGE)
    except signing.BadSignature:
        raise Http404 from None
    if not (
        isinstance(value, list)
        and len(value) == 3
        and all(isinstance(v, int) for v in value[:2])
        and value[2] in ADVICE_ACTIONS
    ):
        raise Http404
    pk, adviser_pk, action = value
    advice_request = get_object_or_404(
        AdviceRequest.objects.select_related("requester__user", "adviser__user"),
        pk=pk,
        adviser_id=adviser_pk,
    )
    return advice_request, action


# --- Joint projects --------------------------------------------------------------------------------


def can_view_project(user, project) -> bool:
    """Public projects are for everyone; members-only ones for members (a 404 to others)."""
    return project.is_public or is_member(user)


def can_change_project(user, project) -> bool:
    """Editors of the lead organisation and coordinators change a project and report on it."""
    if is_coordinator(user):
        return True
    return any(
        m.organisation_id == project.lead_id and m.role == Membership.Role.EDITOR
        for m in memberships_of(user)
    )


def can_see_project_reports(user, project) -> bool:
    """Progress reports and spending are for members of the network, not the public."""
    return can_view_project(user, project) and is_member(user)


def project_lead_choices(user) -> list[Organisation]:
    """Organisations ``user`` may start a project for: the active ones they edit."""
    return [
        m.organisation
        for m in memberships_of(user)
        if m.role == Membership.Role.EDITOR and m.organisation.status == Organisation.Status.ACTIVE
    ]


def project_join_choices(user, project) -> list[Organisation]:
    """Organisations ``user`` may ask to join ``project`` with: their active organisations that
    are neither its lead nor already a partner (``project.partner_ids`` if set, else a query)."""
    partner_ids = getattr(project, "partner_ids", None)
    if partner_ids is None:
        partner_ids = set(project.partnerships.values_list("organisation_id", flat=True))
    return [
        m.organisation
        for m in memberships_of(user)
        if m.organisation.status == Organisation.Status.ACTIVE
        and m.organisation_id != project.lead_id
        and m.organisation_id not in partner_ids
    ]


def _project(slug: str):
    """The project with its lead, ``pending_join_requests`` (a count) for the lead's page and
    ``topic_cards`` (its topics, fetched with it)."""
    pending = ProjectJoinRequest.objects.filter(
        project=OuterRef("pk"), status=ProjectJoinRequest.Status.PENDING
    )
    return get_object_or_404(
        Project.objects.select_related("lead").annotate(
            pending_join_requests=Subquery(
                pending.values("project").annotate(n=Count("pk")).values("n")
            ),
            topic_cards=project_topic_cards(),
        ),
        slug=slug,
    )


def get_project_for_view(request, slug: str):
    project = _project(slug)
    if not can_view_project(request.user, project):
        raise Http404
    return project


def get_project_for_change(request, slug: str):
    """The project if the user edits it; 404 when they may not even see it, else 403."""
    project = _project(slug)
    if not can_change_project(request.user, project):
        if not can_view_project(request.user, project):
            raise Http404
        raise PermissionDenied
    return project


def get_project_for_joining(request, slug: str):
    """A project the user may ask to join: they see it and have an organisation to join with."""
    project = get_project_for_view(request, slug)
    if not project_join_choices(request.user, project):
        raise PermissionDenied
    return project


def get_project_join_request_for_decision(request, pk: int):
    """A request the user may decide: lead editors and coordinators; a 404 for everyone else."""
    join_request = get_object_or_404(
        ProjectJoinRequest.objects.select_related("project__lead", "organisation", "requested_by"),
        pk=pk,
    )
    if not can_change_project(request.user, join_request.project):
        raise Http404
    return join_request


def get_report_attachment_for_download(request, pk: int):
    item = get_object_or_404(ReportAttachment.objects.select_related("report__project"), pk=pk)
    if not can_see_project_reports(request.user, item.report.project):
        raise Http404
    return item


def can_see_project_overview(user) -> bool:
    """The coordinators' list of overdue reports and spending against budget."""
    return is_coordinator(user)
