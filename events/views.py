"""Pages of the events calendar. Reads are plain functions with constant query counts; writes are
small function views that call one service."""

import calendar as pycalendar
import datetime as dt
from collections import Counter

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import (
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    prefetch_related_objects,
)
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from members.access import is_coordinator, is_member
from members.models import Organisation
from members.panels import render_panels
from members.services import person_for
from network.lib import pagecache
from network.lib.dates import ENGLISH_WEEKDAYS, THAI_WEEKDAYS
from network.lib.i18n import current_language
from network.lib.pagecache import public_page
from network.lib.pagination import paginate

from . import ical, services
from .access import (
    get_event_for_organiser,
    get_event_for_user,
    get_pledge_for_change,
    is_organiser,
    may_see,
)
from .extensions import event_panels
from .forms import EventFilterForm, PledgeForm, PledgeUpdateForm, RegistrationForm
from .models import CalendarToken, Event, Pledge, Registration, Session

PER_PAGE = 20


def _listing(request, queryset, template: str, extra: dict | None = None):
    form = EventFilterForm(request.GET or None)
    events = form.filter(queryset.visible_to(request.user)).for_cards().prefetch_related("topics")
    page = paginate(request.GET, events, PER_PAGE)
    context = {"form": form, "page": page, "events": page.object_list, **(extra or {})}
    return render(request, template, context)


def _members_only_count(user, queryset) -> int:
    """How many announced members-only events in ``queryset`` ``user`` cannot see: a number
    only, never a title, so visitors know there is more to sign in for."""
    if is_coordinator(user) or is_member(user):
        return 0
    return queryset.published().filter(visibility=Event.Visibility.MEMBERS).count()


@require_safe
@public_page(params=(*EventFilterForm.base_fields, "page"))
def upcoming(request):
    hidden = _members_only_count(request.user, Event.objects.upcoming())
    return _listing(
        request, Event.objects.upcoming(), "events/upcoming.html", {"members_only_count": hidden}
    )


@require_safe
@public_page(params=(*EventFilterForm.base_fields, "page"))
def past(request):
    return _listing(request, Event.objects.past(), "events/past.html")


# The month view spans these years. A month outside them is a 404 and the links stop at the
# edges, so date arithmetic never reaches year 1 or 9999 and a crawler following "next" ends.
CALENDAR_YEARS = (1950, 2100)


def _month_asked(request, today: dt.date) -> dt.date:
    """The first day of ``?month=YYYY-M``; this month when it is missing or malformed."""
    try:
        year, mon = (int(part) for part in request.GET.get("month", "").split("-"))
    except ValueError:  # not two numbers (int() also refuses thousands of digits)
        return today.replace(day=1)
    if not 1 <= mon <= 12:
        return today.replace(day=1)
    if not CALENDAR_YEARS[0] <= year <= CALENDAR_YEARS[1]:
        raise Http404
    return dt.date(year, mon, 1)


@require_safe
@public_page(params=("month",))
def month(request):
    today = timezone.localdate()
    first = _month_asked(request, today)
    events = list(
        Event.objects.visible_to(request.user).in_month(first.year, first.month).for_cards()
    )
    weeks = []
    for week in pycalendar.Calendar().monthdatescalendar(first.year, first.month):
        days = []
        for day in week:
            todays = [
                e for e in events
                if timezone.localtime(e.start).date() <= day <= timezone.localtime(e.end).date()
            ]  # fmt: skip
            days.append(
                {
                    "date": day,
                    "in_month": day.month == first.month,
                    "today": day == today,
                    "events": todays,
                }
            )
        weeks.append(days)
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    if previous.year < CALENDAR_YEARS[0]:
        previous = None
    if following.year > CALENDAR_YEARS[1]:
        following = None
    context = {
        "first": first,
        "weeks": weeks,
        "events": events,
        "previous": previous,
        "following": following,
        "weekday_names": THAI_WEEKDAYS if current_language() == "th" else ENGLISH_WEEKDAYS,
        "members_only_count": _members_only_count(
            request.user, Event.objects.in_month(first.year, first.month)
        ),
    }
    return render(request, "events/calendar.html", context)


def _page_event(user, slug: str) -> Event:
    """The event ``slug`` as its page shows it, if ``user`` may see it (404 otherwise), with
    ``my_status``, the user's registration's status.

    What every visitor sees (the event, its hosts' ids, its registrations' statuses and who
    attended, ``_with_counts``) is kept with ``pagecache.remember`` until the event or its
    registrations change, so a signed-in visitor's page asks one small query for their own
    registration instead of building and running the event's query. The visitor who finds it
    not kept gets their status from the same query, taken out before it is kept."""
    mine = {}

    def read():
        event = _detail_queryset(user).filter(slug=slug).first()
        if event is None:
            return Event()  # kept too: a crawler's unknown address asks nothing until a change
        mine["status"] = event.__dict__.pop("my_status", None)
        return _with_counts(event)

    event = pagecache.remember(f"event-page:{slug}", read, shows=(f"events.event:{slug}",))
    if event.pk is None or not may_see(user, event):
        raise Http404
    if "status" in mine or not user.is_authenticated:
        event.my_status = mine.get("status")
    else:
        event.my_status = (
            Registration.objects.filter(event=event, person__user=user)
            .values_list("status", flat=True)
            .first()
        )
    return event


def _detail_queryset(user):
    """The event with who hosts it, its registrations' statuses and the kinds of organisation of
    those who attended, each as one array (``_with_counts`` counts them): a subquery per array
    costs less to build and to run than a count per status and kind over a join; for a signed-in
    user, also ``my_status``."""
    registrations = Registration.objects.filter(event=OuterRef("pk"))
    qs = Event.objects.select_related("host_city").annotate(
        # Who hosts it decides who organises it (access.is_organiser), without a query of its own.
        host_ids=ArraySubquery(
            Event.hosts.through.objects.filter(event=OuterRef("pk")).values("organisation_id")
        ),
        statuses=ArraySubquery(registrations.values("status")),
        attended_kinds=ArraySubquery(
            registrations.filter(status=Registration.Status.ATTENDED).values("organisation__kind")
        ),
    )
    if user.is_authenticated:
        mine = registrations.filter(person__user=user)
        qs = qs.annotate(my_status=Subquery(mine.values("status")[:1]))
    return qs


def _with_counts(event: Event) -> Event:
    """Seats taken, people waiting and who attended, from the arrays ``_detail_queryset`` read."""
    statuses = Counter(event.statuses)
    event.seats_taken = sum(statuses[status] for status in Registration.SEAT_STATUSES)
    event.waiting_count = statuses[Registration.Status.WAITING]
    kinds = Counter(event.attended_kinds)
    for kind in Organisation.Kind.values:
        setattr(event, f"attended_{kind}", kinds[kind])
    return event


def event_scopes(request, slug) -> tuple[str, ...]:
    """What an event's page shows: the event (its registrations and comments) and what resources
    are called (the report's panels); the event itself is not scoped, its writes bump everything."""
    return (f"events.event:{slug}", "knowledge.resource:listed")


@require_safe
@public_page(shows=event_scopes)
def detail(request, slug):
    event = _page_event(request.user, slug)

    # Hosts and co-organisers in one query, read when the page's shared body is not in the cache
    # (which are hosts, the event already says: ``host_ids``).
    def organisations():
        return list(
            Organisation.objects.filter(Q(hosted_events=event) | Q(co_organised_events=event))
            .distinct()
            .order_by("name_th")
        )

    def shown():
        prefetch_related_objects(
            [event],
            "topics",
            Prefetch("sessions", queryset=Session.objects.prefetch_related("speakers")),
        )
        return event

    both = SimpleLazyObject(organisations)
    past_event = event.is_past
    delegations = SimpleLazyObject(
        lambda: (
            list(event.delegations.select_related("organisation", "lead"))
            if event.is_study_visit
            else []
        )
    )
    my_status = event.my_status
    registered = my_status in (*Registration.SEAT_STATUSES,)
    context = {
        "event": event,
        "scopes": ",".join(event_scopes(request, slug)),
        "shown": SimpleLazyObject(shown),
        "hosts": SimpleLazyObject(lambda: [o for o in both if o.pk in event.host_ids]),
        "co_organisers": SimpleLazyObject(lambda: [o for o in both if o.pk not in event.host_ids]),
        "my_status": my_status if my_status != Registration.Status.CANCELLED else None,
        "registered": registered,
        "is_organiser": is_organiser(request.user, event),
        "seats_left": None
        if event.capacity is None
        else max(event.capacity - event.seats_taken, 0),
        "registration_open": event.registration_is_open(),
        # The rest is the page's shared body ({% shared_fragment %}): read only on a miss.
        "sites": SimpleLazyObject(lambda: list(event.sites.all()) if event.is_study_visit else []),
        "delegations": delegations,
        "attendance": SimpleLazyObject(
            lambda: _attendance(event, delegations) if past_event else []
        ),
        "photos": SimpleLazyObject(lambda: list(event.photos.all()) if event.has_report else []),
        "pledges": list(event.pledges.for_display()) if event.start <= timezone.now() else [],
        "can_pledge": event.start <= timezone.now() and is_member(request.user),
        "past_event": past_event,
        "map_tile_url": settings.MAP_TILE_URL,
        "panels": SimpleLazyObject(lambda: render_panels(request, event_panels(request, event))),
    }
    if request.user.is_authenticated and context["registration_open"] and not context["my_status"]:
        context["form"] = RegistrationForm(user=request.user)
    if context["can_pledge"]:
        context["pledge_form"] = PledgeForm(user=request.user)
    return render(request, "events/detail.html", context)


def _attendance(event, delegations) -> list[tuple[str, int]]:
    """People who attended, by kind of organisation: attended registrations, or for visits recorded
    before the portal existed, the delegations' head counts."""
    counts = {kind: getattr(event, f"attended_{kind}", 0) for kind in Organisation.Kind.values}
    if not any(counts.values()):
        for delegation in delegations:
            counts[delegation.organisation.kind] += delegation.participants
    return [(label, counts[kind]) for kind, label in Organisation.Kind.choices if counts[kind]]


@login_required
@require_http_methods(["GET", "POST"])
def register(request, slug):
    """POST registers; GET (a shared /register/ link, or the way back from signing in) shows the
    event page with its registration form."""
    event = get_event_for_user(request.user, slug)
    if request.method == "GET":
        return redirect(f"{event.get_absolute_url()}#take-part")
    person = person_for(user=request.user)
    form = RegistrationForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Please check the registration form."))
        return redirect(event)
    try:
        registration = services.register(event=event, person=person, **form.cleaned_data)
    except services.EventError as error:
        messages.error(request, error.message)
        return redirect(event)
    text = {
        Registration.Status.CONFIRMED: _(
            "You are registered. A confirmation is on its way to your inbox."
        ),
        Registration.Status.WAITING: _(
            "The event is full: you are on the waiting list. We will e-mail you if a seat frees up."
        ),
        Registration.Status.PENDING: _("Thank you. The organisers will confirm your registration."),
    }[registration.status]
    messages.success(request, text)
    return redirect(event)


@login_required
@require_POST
def cancel(request, slug):
    event = get_event_for_user(request.user, slug)
    registration = Registration.objects.filter(event=event, person__user=request.user).first()
    if registration is None:
        messages.error(request, services.NotRegistered.message)
        return redirect(event)
    try:
        services.cancel_registration(registration=registration)
    except services.EventError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect(event)


@login_required
@require_safe
def registrations(request, slug):
    event = get_event_for_organiser(request, slug)
    rows = event.registrations.select_related("person__user", "organisation").order_by(
        "status", "created", "pk"
    )
    counts = dict.fromkeys(Registration.Status.values, 0)
    rows = list(rows)
    for row in rows:
        counts[row.status] += 1
    context = {
        "event": event,
        "rows": rows,
        "counts": [(label, counts[value]) for value, label in Registration.Status.choices],
    }
    return render(request, "events/registrations.html", context)


@login_required
@require_POST
def decide(request, slug, pk):
    event = get_event_for_organiser(request, slug)
    registration = get_object_or_404(Registration, event=event, pk=pk)
    action = (
        services.approve_registration
        if request.POST.get("decision") == "approve"
        else services.decline_registration
    )
    try:
        action(registration=registration)
    except services.EventError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("The registration is updated and the person is told by e-mail.")
        )
    return redirect("events:registrations", slug=event.slug)


@login_required
@require_POST
def pledge_create(request, slug):
    event = get_event_for_user(request.user, slug)
    person = person_for(user=request.user)
    form = PledgeForm(request.POST, user=request.user)
    if not form.is_valid():
        return _pledge_form_page(request, form, event=event, heading=_("What we will apply"))
    try:
        services.record_pledge(event=event, person=person, **form.cleaned_data)
    except services.EventError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your pledge is recorded. Come back to tell us how it goes."))
    return redirect(f"{event.get_absolute_url()}#pledges")


def _pledge_form_page(request, form, *, event, heading, pledge=None):
    """A refused pledge or update, back in a form of its own: errors under the fields, text kept."""
    context = {
        "form": form,
        "event": event,
        "pledge": pledge,
        "heading": heading,
        "action": request.path,
        "next_page": request.POST.get("next_page", ""),
    }
    return render(request, "events/pledge_form.html", context, status=400)


@login_required
@require_POST
def pledge_update(request, pk):
    pledge = get_pledge_for_change(request, pk)
    form = PledgeUpdateForm(request.POST)
    if not form.is_valid():
        return _pledge_form_page(
            request, form, event=pledge.event, pledge=pledge, heading=_("Update a pledge")
        )
    services.update_pledge(pledge=pledge, **form.cleaned_data)
    messages.success(request, _("The pledge is updated."))
    if request.POST.get("next_page") == "mine":
        return redirect("events:mine")
    return redirect(f"{pledge.event.get_absolute_url()}#pledges")


@require_safe
def event_ics(request, slug):
    event = get_event_for_user(request.user, slug)
    seat = (
        request.user.is_authenticated
        and Registration.objects.holding_seats()
        .filter(event=event, person__user=request.user)
        .exists()
    )
    content = ical.calendar([event], online_links_for={event.pk} if seat else ())
    return ical.response(content, f"{event.slug}.ics")


@require_safe
def calendar_ics(request):
    """The public feed: announced public events from the last year on."""
    since = timezone.now() - dt.timedelta(days=365)
    events = Event.objects.published().public().filter(end__gte=since).order_by("start")[:500]
    return ical.response(
        ical.calendar(events, name=_("Thai City Climate Network events")), "calendar.ics"
    )


@require_safe
def personal_ics(request, token):
    """ "My events": a secret address calendar apps subscribe to without signing in."""
    owner = get_object_or_404(CalendarToken.objects.select_related("user"), token=token)
    events = (
        Event.objects.filter(
            registrations__person__user=owner.user_id,
            registrations__status__in=[
                *Registration.SEAT_STATUSES,
                Registration.Status.WAITING,
                Registration.Status.PENDING,
            ],
        )
        .exclude(status=Event.Status.DRAFT)
        .order_by("start")
    )
    events = list(events)
    seats = set(
        Registration.objects.holding_seats()
        .filter(person__user=owner.user_id, event__in=[e.pk for e in events])
        .values_list("event_id", flat=True)
    )
    return ical.response(
        ical.calendar(events, name=_("My events"), online_links_for=seats), "my-events.ics"
    )


@login_required
@require_safe
def mine(request):
    token = services.calendar_token_for(user=request.user)
    registrations = (
        Registration.objects.active()
        .filter(person__user=request.user)
        .select_related("event")
        .order_by("-event__start")
    )
    pledges = Pledge.objects.filter(person__user=request.user).for_display()
    context = {
        "registrations": registrations,
        "pledges": pledges,
        "update_form": PledgeUpdateForm(),
        "feed_url": request.build_absolute_uri(reverse("events:personal_ics", args=[token.token])),
    }
    return render(request, "events/mine.html", context)
