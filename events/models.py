"""Events and study visits: the calendar, registrations, what was learned and what people pledged."""

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Organisation, Person, Region, Topic, User
from network.lib import textlimits
from network.lib.i18n import Localized
from network.lib.markup import RenderedMarkdownField, RendersMarkdown
from network.lib.textlimits import MaxCharsValidator


class EventQuerySet(models.QuerySet):
    def upcoming(self):
        """Events not over yet, soonest first."""
        return self.filter(end__gte=timezone.now()).order_by("start", "pk")

    def past(self):
        """Events already over, most recent first."""
        return self.filter(end__lt=timezone.now()).order_by("-start", "-pk")

    def published(self):
        """Announced events: published, completed or cancelled (never drafts)."""
        return self.exclude(status=Event.Status.DRAFT)

    def public(self):
        return self.filter(visibility=Event.Visibility.PUBLIC)

    def visible_to(self, user):
        """What ``user`` may see: coordinators everything, members every announced event,
        everyone else announced public events."""
        from members.access import is_coordinator, is_member

        if is_coordinator(user):
            return self
        if is_member(user):
            return self.published()
        return self.published().public()

    def in_month(self, year: int, month: int):
        first = timezone.make_aware(dt.datetime(year, month, 1))
        nxt = timezone.make_aware(dt.datetime(year + (month == 12), month % 12 + 1, 1))
        return self.filter(start__lt=nxt, end__gte=first).order_by("start", "pk")

    def for_cards(self):
        """What an event card shows, in a constant number of queries."""
        return self.select_related("host_city").prefetch_related("hosts")


class Event(RendersMarkdown, models.Model):
    class Kind(models.TextChoices):
        SEMINAR = "seminar", _("Seminar")
        EXCHANGE = "exchange", _("Exchange meeting")
        STUDY_VISIT = "study_visit", _("Study visit")
        TRAINING = "training", _("Training or workshop")
        ANNUAL = "annual", _("Annual meeting")
        COMMUNITY = "community", _("Community exchange")
        ONLINE = "online", _("Online session")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        MEMBERS = "members", _("Members only")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")
        COMPLETED = "completed", _("Completed")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SEMINAR)
    title_th = models.CharField(_("title (Thai)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description_th = models.TextField(
        _("description (Thai)"),
        blank=True,
        help_text=_("Markdown."),
        validators=[MaxCharsValidator(textlimits.VERY_LONG)],
    )
    description_en = models.TextField(
        _("description (English)"),
        blank=True,
        help_text=_("Markdown."),
        validators=[MaxCharsValidator(textlimits.VERY_LONG)],
    )
    description_html_th = RenderedMarkdownField(source="description_th")
    description_html_en = RenderedMarkdownField(source="description_en")
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.TextField(
        _("address"), blank=True, validators=[MaxCharsValidator(textlimits.SHORT)]
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    online_link = models.URLField(
        _("online link"), blank=True, help_text=_("Shown only to people who are registered.")
    )
    hosts = models.ManyToManyField(
        Organisation, verbose_name=_("hosts"), blank=True, related_name="hosted_events"
    )
    co_organisers = models.ManyToManyField(
        Organisation,
        verbose_name=_("co-organisers"),
        blank=True,
        related_name="co_organised_events",
    )
    region = models.CharField(_("region"), max_length=16, choices=Region.choices, blank=True)
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="events"
    )
    cover = models.ImageField(_("cover image"), upload_to="events/", blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    capacity = models.IntegerField(
        _("capacity"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Seats. Empty means no limit."),
    )
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    requires_approval = models.BooleanField(
        _("registration needs approval"),
        default=False,
        help_text=_("Organisers confirm each registration."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # Study visits.
    host_city = models.ForeignKey(
        Organisation,
        verbose_name=_("host city"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="visits_hosted",
    )
    lessons_th = models.TextField(
        _("lessons learned (Thai)"),
        blank=True,
        help_text=_("Markdown."),
        validators=[MaxCharsValidator(textlimits.VERY_LONG)],
    )
    lessons_en = models.TextField(
        _("lessons learned (English)"),
        blank=True,
        help_text=_("Markdown."),
        validators=[MaxCharsValidator(textlimits.VERY_LONG)],
    )
    lessons_html_th = RenderedMarkdownField(source="lessons_th")
    lessons_html_en = RenderedMarkdownField(source="lessons_en")
    # Outcome report, written after the event.
    report_summary_th = models.TextField(
        _("report summary (Thai)"),
        blank=True,
        help_text=_("Markdown."),
        validators=[MaxCharsValidator(textlimits.VERY_LONG)],
    )
    report_summary_en = models.TextField(
        _("report summary (English)"),
        blank=True,
        help_text=_("Markdown."),
        validators=[MaxCharsValidator(textlimits.VERY_LONG)],
    )
    report_summary_html_th = RenderedMarkdownField(source="report_summary_th")
    report_summary_html_en = RenderedMarkdownField(source="report_summary_en")
    resolutions_th = models.TextField(
        _("resolutions or conclusions (Thai)"),
        blank=True,
        help_text=_("Markdown, one per line."),
        validators=[MaxCharsValidator(textlimits.LONG)],
    )
    resolutions_en = models.TextField(
        _("resolutions or conclusions (English)"),
        blank=True,
        help_text=_("Markdown, one per line."),
        validators=[MaxCharsValidator(textlimits.LONG)],
    )
    resolutions_html_th = RenderedMarkdownField(source="resolutions_th")
    resolutions_html_en = RenderedMarkdownField(source="resolutions_en")
    report_links = models.TextField(
        _("library items and documents"),
        blank=True,
        help_text=_("Markdown list of links to library items and documents."),
        validators=[MaxCharsValidator(textlimits.LONG)],
    )
    report_links_html = RenderedMarkdownField(source="report_links")
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = EventQuerySet.as_manager()

    title = Localized("title")
    description = Localized("description")
    lessons = Localized("lessons")
    report_summary = Localized("report_summary")
    resolutions = Localized("resolutions")
    description_html = Localized("description_html")
    lessons_html = Localized("lessons_html")
    report_summary_html = Localized("report_summary_html")
    resolutions_html = Localized("resolutions_html")

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="event_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=0),
                name="event_capacity_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["status", "start"]), models.Index(fields=["end"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The event cannot end before it starts.")
        if self.registration_closes and self.end and self.registration_closes > self.end:
            errors["registration_closes"] = _("Registration must close before the event ends.")
        if (
            self.registration_opens
            and self.registration_closes
            and self.registration_opens > self.registration_closes
        ):
            errors["registration_opens"] = _("Registration cannot open after it closes.")
        if self.capacity is not None and self.capacity < 0:
            errors["capacity"] = _("Capacity cannot be negative.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    @property
    def is_study_visit(self) -> bool:
        return self.kind == self.Kind.STUDY_VISIT

    @property
    def has_report(self) -> bool:
        return bool(
            self.report_summary_th
            or self.report_summary_en
            or self.resolutions_th
            or self.resolutions_en
        )

    def registration_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        if self.status != self.Status.PUBLISHED or self.end < now:
            return False
        if self.registration_opens and now < self.registration_opens:
            return False
        closes = self.registration_closes or self.start
        return now <= closes


class Session(models.Model):
    """One item of the agenda."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="sessions"
    )
    day = models.DateField(_("day"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    title_th = models.CharField(_("title (Thai)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    speakers = models.ManyToManyField(
        Person, verbose_name=_("speakers"), blank=True, related_name="sessions"
    )
    speakers_text = models.CharField(
        _("other speakers"), max_length=300, blank=True, help_text=_("Speakers without a profile.")
    )
    place = models.CharField(_("place"), max_length=200, blank=True)

    title = Localized("title")

    class Meta:
        ordering = ["day", "start_time", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("agenda")

    def __str__(self):
        return self.title


class Site(RendersMarkdown, models.Model):
    """A place a study visit went to."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="sites"
    )
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_th = models.TextField(
        _("description (Thai)"),
        blank=True,
        help_text=_("Markdown."),
        validators=[MaxCharsValidator(textlimits.MEDIUM)],
    )
    description_en = models.TextField(
        _("description (English)"),
        blank=True,
        help_text=_("Markdown."),
        validators=[MaxCharsValidator(textlimits.MEDIUM)],
    )
    description_html_th = RenderedMarkdownField(source="description_th")
    description_html_en = RenderedMarkdownField(source="description_en")
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    name = Localized("name")
    description = Localized("description")
    description_html = Localized("description_html")

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("site visited")
        verbose_name_plural = _("sites visited")

    def __str__(self):
        return self.name


class Delegation(models.Model):
    """An organisation that came on a study visit."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="delegations"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="delegations",
    )
    participants = models.PositiveIntegerField(_("participants"), default=1)
    lead = models.ForeignKey(
        Person,
        verbose_name=_("lead person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("visiting delegation")
        verbose_name_plural = _("visiting delegations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organisation"], name="delegation_once_per_event"
            )
        ]

    def __str__(self):
        return f"{self.organisation} ({self.participants})"


def validate_image_size(image):
    if image and image.size > 5 * 1024 * 1024:
        raise ValidationError(_("Images must be smaller than 5 MB."))


class Photo(models.Model):
    """A photo of the outcome report."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(
        _("image"), upload_to="events/photos/", validators=[validate_image_size]
    )
    caption_th = models.CharField(_("caption (Thai)"), max_length=200, blank=True)
    caption_en = models.CharField(_("caption (English)"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    caption = Localized("caption")

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return self.caption or self.image.name


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        """Registrations that still count: everything but cancelled."""
        return self.exclude(status=Registration.Status.CANCELLED)

    def holding_seats(self):
        return self.filter(status__in=Registration.SEAT_STATUSES)

    def waiting(self):
        """The waiting list, first come first served."""
        return self.filter(status=Registration.Status.WAITING).order_by("created", "pk")


class Registration(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("Waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        ATTENDED = "attended", _("Attended")
        NO_SHOW = "no_show", _("No-show")

    SEAT_STATUSES = (Status.CONFIRMED, Status.ATTENDED, Status.NO_SHOW)

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="registrations"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("representing"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    diet = models.CharField(_("dietary needs"), max_length=200, blank=True)
    access = models.CharField(_("access needs"), max_length=200, blank=True)
    interpretation = models.CharField(_("interpretation needed"), max_length=200, blank=True)
    created = models.DateTimeField(_("registered at"), default=timezone.now)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="registration_once_per_event")
        ]
        indexes = [models.Index(fields=["event", "status", "created"])]

    def __str__(self):
        return f"{self.person} – {self.event}"

    @property
    def holds_seat(self) -> bool:
        return self.status in self.SEAT_STATUSES


class PledgeQuerySet(models.QuerySet):
    def for_display(self):
        return self.select_related("person", "organisation", "event")


class Pledge(models.Model):
    """ "What we will apply at home": an action a person commits to after an event."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="pledges"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="pledges"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pledges",
    )
    action = models.TextField(
        _("what we will apply"), validators=[MaxCharsValidator(textlimits.SHORT)]
    )
    due = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    created = models.DateTimeField(_("created"), default=timezone.now)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = PledgeQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")

    def __str__(self):
        return self.action[:80]


class PledgeUpdate(models.Model):
    """Progress on a pledge, kept as a history."""

    pledge = models.ForeignKey(
        Pledge, verbose_name=_("pledge"), on_delete=models.CASCADE, related_name="updates"
    )
    status = models.CharField(_("status"), max_length=12, choices=Pledge.Status.choices)
    note = models.TextField(_("note"), blank=True, validators=[MaxCharsValidator(textlimits.SHORT)])
    created = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("pledge update")
        verbose_name_plural = _("pledge updates")

    def __str__(self):
        return f"{self.pledge} → {self.get_status_display()}"


def new_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarToken(models.Model):
    """The secret in the address of a person's own calendar feed."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="calendar_token")
    token = models.CharField(max_length=64, unique=True, default=new_token)

    class Meta:
        verbose_name = _("calendar token")
        verbose_name_plural = _("calendar tokens")

    def __str__(self):
        return str(self.user)
