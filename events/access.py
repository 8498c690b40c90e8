"""Who may see an event, and who organises it."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from members.access import is_coordinator, is_member, memberships_of, role_of
from members.models import Membership, User

from .models import Event, Pledge


def get_event_for_user(user, slug: str) -> Event:
    """The event ``slug`` if ``user`` may see it; 404 otherwise (members-only is not leaked)."""
    try:
        return Event.objects.visible_to(user).get(slug=slug)
    except Event.DoesNotExist:
        raise Http404 from None


def may_see(user, event: Event) -> bool:
    """Whether ``user`` may see ``event``, already read: ``EventQuerySet.visible_to`` for one
    event (coordinators everything, members every announced event, everyone else announced
    public events)."""
    if is_coordinator(user):
        return True
    if event.status == Event.Status.DRAFT:
        return False
    return is_member(user) or event.visibility == Event.Visibility.PUBLIC


def is_organiser(user, event: Event) -> bool:
    """Coordinators, and editors of a host organisation, organise the event."""
    role = role_of(user)
    if role in (User.Role.COORDINATOR, User.Role.SUPERUSER):
        return True
    if role != User.Role.EDITOR:
        return False
    host_ids = getattr(event, "host_ids", None)
    if host_ids is not None:  # read with the event (its page): the user's memberships decide
        return any(
            m.role == Membership.Role.EDITOR and m.organisation_id in host_ids
            for m in memberships_of(user)
        )
    return Membership.objects.filter(
        person__user=user,
        role=Membership.Role.EDITOR,
        organisation__in=event.hosts.all(),
    ).exists()


def get_event_for_organiser(request, slug: str) -> Event:
    """An event the user organises; 404 for everyone else."""
    event = get_event_for_user(request.user, slug)
    if not is_organiser(request.user, event):
        raise Http404
    return event


def get_pledge_for_change(request, pk: int) -> Pledge:
    """A pledge its author or a coordinator updates; 404 for everyone else."""
    pledge = get_object_or_404(Pledge.objects.select_related("event"), pk=pk)
    if not (pledge.person.user_id == request.user.pk or is_coordinator(request.user)):
        raise Http404
    return pledge
