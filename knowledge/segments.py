"""Segments of the network that the coordinators write to: everyone, a region, a kind of
organisation, a topic, an event's registrants or attendees, editors.

One definition for every feature that addresses a segment: announcements (``network``) and
surveys (this app). It lives here, the lowest app that sees both the members and the events'
registrations, so that ``network`` (above) and ``knowledge`` may both use it.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from events.models import Registration
from members.models import Membership, Organisation, Person, Region, Topic, User

# Who took part in an event: marked present, or confirmed and never marked absent.
ATTENDED = (Registration.Status.ATTENDED, Registration.Status.CONFIRMED)


class Segment(models.TextChoices):
    ALL = "all", _("All members")
    REGION = "region", _("Members in a region")
    ORGANISATION_KIND = "organisation_kind", _("Members of one kind of organisation")
    TOPIC = "topic", _("Members interested in a topic")
    EVENT = "event", _("People registered for an event")
    EVENT_ATTENDEES = "event_attendees", _("People who attended an event")
    EDITORS = "editors", _("Organisation editors only")


# The field each segment needs filled in.
NEEDS = {
    Segment.REGION: "region",
    Segment.ORGANISATION_KIND: "organisation_kind",
    Segment.TOPIC: "topic",
    Segment.EVENT: "event",
    Segment.EVENT_ATTENDEES: "event",
}


class Segmented(models.Model):
    """The fields that say who a message or a survey is for, and their validation."""

    segment = models.CharField(
        _("send to"), max_length=20, choices=Segment.choices, default=Segment.ALL
    )
    region = models.CharField(_("region"), max_length=16, choices=Region.choices, blank=True)
    organisation_kind = models.CharField(
        _("kind of organisation"), max_length=20, choices=Organisation.Kind.choices, blank=True
    )
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.PROTECT, null=True, blank=True
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    Segment = Segment

    class Meta:
        abstract = True

    def clean(self):
        field = NEEDS.get(self.segment)
        chosen = {
            "region": self.region,
            "organisation_kind": self.organisation_kind,
            "topic": self.topic_id,
            "event": self.event_id,
        }
        if field and not chosen[field]:
            raise ValidationError({field: _("Choose who receives it for this segment.")})


def verified_users():
    return User.objects.filter(
        is_active=True, emailaddress__verified=True, emailaddress__primary=True
    ).exclude(email="")


def _registrations(target: Segmented):
    registered = Registration.objects.filter(event_id=target.event_id)
    if target.segment == Segment.EVENT_ATTENDEES:
        return registered.filter(status__in=ATTENDED)
    return registered.exclude(status=Registration.Status.CANCELLED)


def audience(target: Segmented, *, guests: bool = True):
    """(accounts in ``target``'s segment as a queryset, addresses of registrants without an
    account). ``guests=False`` skips the second query (its list is then empty)."""
    users = verified_users()
    segment = target.segment
    if segment == Segment.REGION:
        users = users.filter(person__memberships__organisation__region=target.region)
    elif segment == Segment.ORGANISATION_KIND:
        users = users.filter(person__memberships__organisation__kind=target.organisation_kind)
    elif segment == Segment.TOPIC:
        users = users.filter(
            Q(email_preferences__topics=target.topic_id) | Q(person__expertise=target.topic_id)
        )
    elif segment == Segment.EDITORS:
        users = users.filter(person__memberships__role=Membership.Role.EDITOR)
    elif segment in (Segment.EVENT, Segment.EVENT_ATTENDEES):
        registered = _registrations(target)
        users = users.filter(person__registrations__in=registered)
        if guests:
            return users.distinct(), list(
                Person.objects.filter(user__isnull=True, registrations__in=registered)
                .exclude(email="")
                .values_list("email", flat=True)
                .distinct()
            )
    return users.distinct(), []


def includes(target: Segmented, user) -> bool:
    """Whether ``user`` (signed in) is in ``target``'s segment: one query."""
    if not getattr(user, "is_authenticated", False):
        return False
    users, _guests = audience(target, guests=False)
    return users.filter(pk=user.pk).exists()


def describe(target: Segmented) -> str:
    """The segment in words, in the active language ("Members in a region: North")."""
    label = str(target.get_segment_display())
    field = NEEDS.get(target.segment)
    detail = {
        "region": lambda: target.get_region_display(),
        "organisation_kind": lambda: target.get_organisation_kind_display(),
        "topic": lambda: str(target.topic) if target.topic_id else "",
        "event": lambda: target.event.title if target.event_id else "",
    }.get(field)
    value = detail() if detail else ""
    return f"{label}: {value}" if value else label
