"""The pages the journeys visit pass the W3C Nu HTML checker with no error and axe-core with no
serious or critical violation, in Thai and English, at desktop (1280) and phone (390) widths.

The demo network is the data: it is what newcomers and the README's screenshots see, and it has
every kind of page filled (maps, case studies, discussions, pledges, the health dashboard).
"""

import pytest
from django.core.management import call_command
from django.utils import translation

from events.models import Event
from knowledge.models import FundingCall, Resource, Thread
from members.models import Organisation, Person, Project, User
from network.management.commands.load_demo import demo_password

from .checkers import axe_violations, describe_axe, describe_nu
from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True)

EDITOR = "editor.chiangrai@demo.thaicity-climate.org"
COORDINATOR = "coordinator@thaicity-climate.org"


def visitor_pages() -> list[str]:
    city = Organisation.objects.get(slug="chiang-rai")
    mapped = Event.objects.published().public().exclude(latitude=None).order_by("-start").first()
    past = Event.objects.past().published().public().order_by("-start").first()
    resource = Resource.objects.published().public().exclude(kind=Resource.Kind.CASE_STUDY)
    case_study = Resource.objects.published().public().filter(kind=Resource.Kind.CASE_STUDY)
    thread = Thread.objects.filter(visibility="public").order_by("pk").first()
    return [
        "/",
        "/about/",
        "/members/",
        "/members/map/",
        city.get_absolute_url(),
        "/events/",
        "/events/past/",
        "/events/calendar/",
        mapped.get_absolute_url(),
        past.get_absolute_url(),
        "/knowledge/",
        resource.order_by("pk").first().get_absolute_url(),
        case_study.order_by("pk").first().get_absolute_url(),
        "/knowledge/discussions/",
        thread.get_absolute_url(),
        "/search/?q=น้ำท่วม",
        "/recognition/",
        "/funding/",
        "/funding/archive/",
        FundingCall.objects.open().order_by("deadline", "pk").first().get_absolute_url(),
        "/projects/",
        Project.objects.public().order_by("pk").first().get_absolute_url(),
        "/members/people/",
        "/members/people/?advisers=1",
        "/accounts/login/",
        "/accounts/signup/",
    ]


def editor_pages() -> list[str]:
    person = Person.objects.get(user__email=EDITOR)
    return [
        "/members/join/",
        "/members/requests/",
        "/members/me/",
        person.get_absolute_url(),
        "/members/chiang-rai/edit/",
        "/members/chiang-rai/people/",
        "/knowledge/new/",
        "/knowledge/discussions/new/",
        "/events/mine/",
        "/funding/new/",
        "/projects/new/",
        "/accounts/preferences/",
        "/members/advice/",
    ]


def coordinator_pages() -> list[str]:
    event = Event.objects.published().order_by("-start").first()
    return [
        "/knowledge/review/",
        "/network/health/",
        "/projects/overdue/",
        "/surveys/activities-your-group-needs/",
        "/surveys/activities-your-group-needs/results/",
        f"{event.get_absolute_url()}registrations/",
        "/admin/",
        "/admin/events/event/",
        "/admin/events/event/add/",
        f"/admin/events/event/{event.pk}/change/",
        "/admin/members/organisation/",
        "/admin/knowledge/resource/",
        "/admin/knowledge/flag/",
    ]


def in_language(path: str, language: str) -> str:
    return path if language == "th" else f"/en{path}"


def check(page, paths: list[str], nu_checker, problems: list[str]) -> int:
    checked = 0
    for language in ("th", "en"):
        for path in paths:
            address = in_language(path, language)
            response = page.goto(address)
            assert response.status == 200, (address, response.status)
            problems += [describe_nu(address, e) for e in nu_checker.errors(response.text())]
            for viewport in (DESKTOP, PHONE):
                page.set_viewport_size(viewport)
                problems += [
                    describe_axe(address, viewport["width"], v) for v in axe_violations(page)
                ]
            page.set_viewport_size(DESKTOP)
            checked += 1
    return checked


def test_journey_pages_have_no_html_errors_and_no_serious_axe_violations(
    page, open_page, nu_checker
):
    call_command("load_demo", verbosity=0)
    problems: list[str] = []
    # The Thai addresses (no prefix), whatever language an earlier test left active.
    with translation.override("th"):
        visitor, editor_paths, coordinator_paths = (
            visitor_pages(), editor_pages(), coordinator_pages()
        )

    checked = check(page, visitor, nu_checker, problems)
    editor = open_page(User.objects.get(email=EDITOR), demo_password())
    checked += check(editor, editor_paths, nu_checker, problems)
    coordinator = open_page(User.objects.get(email=COORDINATOR), demo_password())
    checked += check(coordinator, coordinator_paths, nu_checker, problems)

    assert checked == 2 * (len(visitor) + len(editor_paths) + len(coordinator_paths))
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
