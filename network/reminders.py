"""Reminders, found by a periodic run (never Celery ETAs): events coming up, pledges falling due
and study-visit follow-ups, outcome reports, joint projects' progress reports, and the
coordinators' list of what is overdue.

Each reminder has an idempotency key in the outbox, so a run repeated in the same period sends
nothing new. Event reminders are keyed by the event's date: moving an event to another day needs
(and gets) a new reminder; moving it within the day does not.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Event, Pledge, Registration
from members.models import Membership, Project, User
from members.project_emails import lead_editors

from .outbox import service
from .outbox.models import OutboxMessage

EVENT_REMINDERS = {"event_7d": dt.timedelta(days=7), "event_1d": dt.timedelta(days=1)}
PLEDGE_DUE_AHEAD = dt.timedelta(days=7)
FOLLOW_UP_AFTER = dt.timedelta(days=90)
# A run only looks this far back, so the first run on an old database does not mail ancient news.
LOOK_BACK = dt.timedelta(days=30)
# A progress report not written this long after its due date is overdue (the second reminder).
PROJECT_REPORT_GRACE = dt.timedelta(days=14)
OPEN_PLEDGES = [Pledge.Status.PLANNED, Pledge.Status.IN_PROGRESS]


@dataclass
class Outcome:
    sent: int = 0
    already: int = 0

    def __str__(self):
        return f"reminders: {self.sent} sent, {self.already} already sent"


def _url(language: str, name: str, **kwargs) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse(name, kwargs=kwargs or None)


def _recipient(person):
    if person.user_id and person.user.email:
        return person.user
    return person.email


class Run:
    def __init__(self, at: dt.datetime):
        self.at = at
        self.outcome = Outcome()

    def queue(self, name: str, *, kind: str, to, about, period: str, context) -> None:
        address = (to if isinstance(to, str) else to.email or "").lower()
        if not address:
            return
        about_key = service.about_key(about)[2]
        if OutboxMessage.objects.filter(
            recipient=address, kind=kind, about_key=about_key, period=period
        ).exists():
            self.outcome.already += 1
            return
        # People without an account read their person's language.
        person = getattr(about, "person", None)
        if not isinstance(to, str):
            language = service.language_of(to)
        else:
            language = getattr(person, "language", "") or settings.LANGUAGE_CODE
        with translation.override(language):
            row = service.queue(
                f"network/emails/{name}",
                kind=kind,
                to=to,
                about=about,
                period=period,
                bulk=True,
                language=language,
                context={**context(language), "at": self.at},
            )
        self.outcome.sent += row is not None

    # --- events coming up ---------------------------------------------------------------------

    def event_reminders(self):
        for kind, ahead in EVENT_REMINDERS.items():
            later = min((d for d in EVENT_REMINDERS.values() if d < ahead), default=dt.timedelta(0))
            registrations = (
                Registration.objects.filter(
                    status=Registration.Status.CONFIRMED,
                    event__status=Event.Status.PUBLISHED,
                    event__start__gt=self.at + later,
                    event__start__lte=self.at + ahead,
                )
                .select_related("event", "person__user")
                .order_by("event__start", "pk")
            )
            for registration in registrations:
                event = registration.event
                # Registered after this reminder was due: the confirmation said it all.
                if registration.created > event.start - ahead:
                    continue
                self.queue(
                    "event_reminder",
                    kind=f"reminder.{kind}",
                    to=_recipient(registration.person),
                    about=registration,
                    period=f"{kind}:{timezone.localdate(event.start).isoformat()}",
                    context=lambda language, r=registration, k=kind: {
                        "event": r.event,
                        "person": r.person,
                        "tomorrow": k == "event_1d",
                        "event_url": _url(language, "events:detail", slug=r.event.slug),
                    },
                )

    # --- pledges ----------------------------------------------------------------------------------

    def pledge_reminders(self):
        today = timezone.localdate(self.at)
        due = Pledge.objects.filter(
            status__in=OPEN_PLEDGES, due__gte=today, due__lte=today + PLEDGE_DUE_AHEAD
        ).select_related("event", "person__user")
        for pledge in due:
            self._pledge("pledge_due", pledge, f"due:{pledge.due.isoformat()}")
        visits = Pledge.objects.filter(
            status__in=OPEN_PLEDGES,
            event__kind=Event.Kind.STUDY_VISIT,
            event__end__lte=self.at - FOLLOW_UP_AFTER,
            event__end__gt=self.at - FOLLOW_UP_AFTER - LOOK_BACK,
        ).select_related("event", "person__user")
        for pledge in visits:
            self._pledge("pledge_followup", pledge, "3-months")

    def _pledge(self, kind, pledge, period):
        self.queue(
            "pledge_reminder",
            kind=f"reminder.{kind}",
            to=_recipient(pledge.person),
            about=pledge,
            period=period,
            context=lambda language: {
                "pledge": pledge,
                "event": pledge.event,
                "person": pledge.person,
                "follow_up": kind == "pledge_followup",
                "update_url": _url(language, "events:pledge_update", pk=pledge.pk),
            },
        )

    # --- outcome reports ------------------------------------------------------------------------

    def report_requests(self):
        ended = Event.objects.filter(
            status__in=[Event.Status.PUBLISHED, Event.Status.COMPLETED],
            end__lt=self.at,
            end__gt=self.at - LOOK_BACK,
        ).prefetch_related("hosts")
        for event in ended:
            if event.has_report:
                continue
            editors = (
                User.objects.filter(
                    is_active=True,
                    person__memberships__organisation__in=event.hosts.all(),
                    person__memberships__role=Membership.Role.EDITOR,
                )
                .select_related("person")
                .distinct()
            )
            for user in editors:
                self.queue(
                    "report_request",
                    kind="reminder.report",
                    to=user,
                    about=event,
                    period="report",
                    context=lambda language, e=event: {
                        "event": e,
                        "event_url": _url(language, "events:detail", slug=e.slug),
                    },
                )

    # --- project progress reports -----------------------------------------------------------------

    def project_reports(self):
        """Lead editors hear once when a report falls due and once when it is overdue."""
        today = timezone.localdate(self.at)
        projects = Project.objects.reporting().with_spending().order_by("pk")
        for project in projects:
            due = project.next_report_due(project.last_report_on)
            if due is None or due > today:
                continue
            overdue = today >= due + PROJECT_REPORT_GRACE
            stage = "overdue" if overdue else "due"
            for user in lead_editors(project):
                self.queue(
                    "project_report_reminder",
                    kind=f"reminder.project_report_{stage}",
                    to=user,
                    about=project,
                    period=f"{stage}:{due.isoformat()}",
                    context=lambda language, p=project, d=due, o=overdue: {
                        "project": p,
                        "due": d,
                        "overdue": o,
                        "report_url": _url(language, "projects:report", slug=p.slug),
                    },
                )

    def coordinator_summary(self):
        today = timezone.localdate(self.at)
        overdue = list(
            Pledge.objects.filter(status__in=OPEN_PLEDGES, due__lt=today)
            .select_related("event", "person")
            .order_by("due")[:50]
        )
        no_report = [
            event
            for event in Event.objects.filter(
                status__in=[Event.Status.PUBLISHED, Event.Status.COMPLETED],
                end__lt=self.at - dt.timedelta(days=14),
                end__gt=self.at - dt.timedelta(days=365),
            ).order_by("-end")[:200]
            if not event.has_report
        ][:50]
        if not (overdue or no_report):
            return
        year, week, _day = timezone.localtime(self.at).isocalendar()
        for user in User.objects.filter(is_active=True, is_coordinator=True).select_related(
            "person"
        ):
            self.queue(
                "overdue_summary",
                kind="reminder.overdue_summary",
                to=user,
                about=None,
                period=f"{year}-W{week:02d}",
                context=lambda language: {
                    "pledges": overdue,
                    "events": no_report,
                    "admin_url": settings.SITE_URL + reverse("admin:index"),
                },
            )


def send_reminders(*, at: dt.datetime | None = None) -> Outcome:
    run = Run(at or timezone.now())
    with transaction.atomic():
        run.event_reminders()
        run.pledge_reminders()
        run.report_requests()
        run.project_reports()
        run.coordinator_summary()
    return run.outcome
