"""Who may open what: every URL that takes an object's id, slug or key, for every persona.

The URL names come from the resolver, so a new URL that takes a parameter fails
``test_every_url_taking_an_object_has_an_expectation`` until its row is added to EXPECTATIONS
(or to NOT_OBJECT_URLS with the reason it is not about an object the network owns).

Personas: anonymous; *outsider* (verified account, no organisation); *other_member* (member of
another organisation); *member* and *editor* of the organisation that owns the object;
*coordinator*. Members-only objects are a 404 to those who may not see them, never a leak.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from members.models import Membership
from network.auth import COORDINATED_APPS
from tests.factories import MembershipFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

PERSONAS = ("anonymous", "outsider", "other_member", "member", "editor", "coordinator")


@dataclass(frozen=True)
class Case:
    """``kwargs(world)`` builds an object owned by ``world.organisation`` and returns URL kwargs."""

    kwargs: Callable[[SimpleNamespace], dict]
    expect: dict[str, int]
    method: str = "get"
    data: Callable[[SimpleNamespace], dict] = field(default=lambda world: {})


def statuses(anonymous, outsider, other_member, member, editor, coordinator) -> dict[str, int]:
    return dict(
        zip(PERSONAS, (anonymous, outsider, other_member, member, editor, coordinator), strict=True)
    )


EVERYONE = statuses(200, 200, 200, 200, 200, 200)
# Sign-in first (302 to the login page), then only the organisation's editors and coordinators.
EDITORS_GET = statuses(302, 403, 403, 403, 200, 200)
EDITORS_POST = statuses(302, 403, 403, 403, 302, 302)
# Members-only objects do not exist for the public: 404, never a hint.
MEMBERS_ONLY = statuses(404, 404, 200, 200, 200, 200)
ORGANISERS_GET = statuses(302, 404, 404, 404, 200, 200)
ORGANISERS_POST = statuses(302, 404, 404, 404, 302, 302)


# --- objects owned by world.organisation ------------------------------------------------------


def organisation_slug(world):
    return {"slug": world.organisation.slug}


def person_pk(world):
    return {"pk": world.member.person.pk}


def unvetted_person_pk(world):
    # A profile made by its owner, who belongs to no organisation: it says what it likes.
    made = PersonFactory(name_en="Self-styled Coordinator", position="Official coordinator")
    return {"pk": made.pk}


def applicant_person_pk(world):
    # The outsider persona asks to join the organisation: its editors see who is asking.
    join_request(world)
    return {"pk": world.outsider.person.pk}


def membership(world):
    link = world.member.person.memberships.get(organisation=world.organisation)
    return {"slug": world.organisation.slug, "pk": link.pk}


def join_request(world):
    from members.models import JoinRequest

    asked = JoinRequest.objects.create(
        person=world.outsider.person, organisation=world.organisation, message="ขอเข้าร่วม"
    )
    return {"pk": asked.pk}


def adviser_pk(world):
    # Someone in the organisation who is willing to advise (none of the personas).
    made = PersonFactory(name_en="Anucha Adviser", is_adviser=True)
    MembershipFactory(person=made, organisation=world.organisation)
    return {"pk": made.pk}


def advice_request(world):
    # The other organisation's member asks the member persona, an adviser, for advice.
    from members.models import AdviceRequest

    adviser = world.member.person
    adviser.is_adviser = True
    adviser.save(update_fields=["is_adviser"])
    asked = AdviceRequest.objects.create(
        requester=world.other_member.person, adviser=adviser, subject="บ่อหน่วงน้ำ", message="?"
    )
    return {"pk": asked.pk}


def event(visibility="public", **extra):
    def make(world):
        from tests.events.factories import EventFactory

        created = EventFactory(
            slug=f"event-{visibility}", visibility=visibility, hosts=[world.organisation], **extra
        )
        world.event = created
        return {"slug": created.slug}

    return make


def registration(world):
    from tests.events.factories import RegistrationFactory

    made = event()(world)
    booked = RegistrationFactory(event=world.event, person=world.outsider.person)
    return {**made, "pk": booked.pk}


def past_event(world):
    from tests.events.factories import PastEventFactory

    created = PastEventFactory(slug="past-event", hosts=[world.organisation])
    return {"slug": created.slug}


def pledge(world):
    from tests.events.factories import PledgeFactory

    made = PledgeFactory(person=world.member.person, organisation=world.organisation)
    return {"pk": made.pk}


def funding_call(status="published", document=False):
    """A funding call; one waiting for review was proposed by the member persona."""

    def make(world):
        import datetime as dt

        from django.core.files.base import ContentFile
        from django.utils import timezone

        from knowledge.models import FundingCall, FundingCallDocument

        created = FundingCall.objects.create(
            title_th="ทุนเมืองรับมือน้ำท่วม",
            title_en="Flood-ready cities grant",
            slug=f"funding-{status}",
            funder="Example Foundation",
            deadline=timezone.now() + dt.timedelta(days=30),
            status=status,
            proposed_by=world.member if status == FundingCall.Status.PROPOSED else None,
        )
        if not document:
            return {"slug": created.slug}
        item = FundingCallDocument.objects.create(
            call=created,
            file=ContentFile(b"%PDF-1.4 guidelines", name="guidelines.pdf"),
            filename="guidelines.pdf",
            file_kind="pdf",
            content_type="application/pdf",
            size=19,
        )
        return {"slug": created.slug, "pk": item.pk}

    return make


def funding_document(status):
    def make(world):
        kwargs = funding_call(status, document=True)(world)
        return {"pk": kwargs["pk"], "filename": "guidelines.pdf"}

    return make


# Calls waiting for review: the member who proposed it and coordinators.
PROPOSER_GET = statuses(404, 404, 404, 200, 404, 200)
# Coordinators only (members.access.coordinators_only), as the review queue.
COORDINATORS_POST = statuses(302, 403, 403, 403, 403, 302)


def resource(visibility="public", status="published", attachment=False):
    def make(world):
        from django.core.files.base import ContentFile

        from knowledge.models import Attachment, Resource

        created = Resource.objects.create(
            title_th="คู่มือรับมือน้ำท่วม",
            title_en="Flood handbook",
            slug=f"resource-{visibility}-{status}",
            visibility=visibility,
            status=status,
        )
        created.organisations.add(world.organisation)
        if not attachment:
            return {"slug": created.slug}
        item = Attachment.objects.create(
            resource=created,
            file=ContentFile(b"%PDF-1.4 handbook", name="handbook.pdf"),
            filename="handbook.pdf",
            file_kind="pdf",
            content_type="application/pdf",
            size=17,
        )
        world.attachment = item
        return {"slug": created.slug, "pk": item.pk}

    return make


def attachment_file(visibility):
    def make(world):
        resource(visibility, attachment=True)(world)
        return {"pk": world.attachment.pk, "filename": world.attachment.filename}

    return make


def thread(visibility="public"):
    def make(world):
        from knowledge.models import Thread

        world.thread = Thread.objects.create(
            title="ใครมีแผนรับมือคลื่นความร้อนบ้าง",
            body="อยากแลกเปลี่ยนประสบการณ์",
            author=world.member,
            visibility=visibility,
        )
        return {"pk": world.thread.pk}

    return make


def thread_reply(world):
    from knowledge.models import Reply

    made = thread()(world)
    answer = Reply.objects.create(thread=world.thread, author=world.editor, body="เรามีครับ")
    return {**made, "reply_pk": answer.pk}


def flagged_thread(world):
    return {"kind": "thread", **thread()(world)}


def survey(**extra):
    """A survey for the organisation's region (the north); ``fmt`` for the export URL."""

    def make(world):
        from django.utils import timezone

        from knowledge.models import Survey, SurveyQuestion

        made = Survey.objects.create(
            title_th="ความต้องการของเมือง",
            slug="city-needs",
            segment="region",
            region=world.organisation.region,
            opens_at=timezone.now() - timezone.timedelta(days=1),
        )
        SurveyQuestion.objects.create(
            survey=made, kind="text", text_th="ต้องการอะไร", required=False
        )
        return {"slug": made.slug, **extra}

    return make


def project(visibility="public"):
    def make(world):
        from members.models import Project

        world.project = Project.objects.create(
            slug=f"project-{visibility}",
            title_th="ระบบเตือนภัยน้ำท่วมร่วมกัน",
            lead=world.organisation,
            visibility=visibility,
            status=Project.Status.PARTNERS,
        )
        return {"slug": world.project.slug}

    return make


def project_join_request(world):
    from members.models import ProjectJoinRequest

    project()(world)
    asked = ProjectJoinRequest.objects.create(
        project=world.project,
        organisation=world.other_organisation,
        requested_by=world.other_member,
        message="ขอร่วมโครงการ",
    )
    return {"pk": asked.pk}


def report_attachment(world):
    from django.core.files.base import ContentFile

    from members.models import ProgressReport, ReportAttachment

    project()(world)
    report = ProgressReport.objects.create(project=world.project, text="ติดตั้งแล้ว", spent=0)
    item = ReportAttachment.objects.create(
        report=report,
        file=ContentFile(b"%PDF-1.4 report", name="report.pdf"),
        filename="report.pdf",
        content_type="application/pdf",
        size=15,
    )
    return {"pk": item.pk, "filename": item.filename}


EXPECTATIONS: dict[str, Case | list[Case]] = {
    # members: the directory is public; editing is for the organisation's editors
    "members:organisation": Case(organisation_slug, EVERYONE),
    "members:organisation_edit": Case(organisation_slug, EDITORS_GET),
    "members:organisation_people": Case(organisation_slug, EDITORS_GET),
    "members:membership_role": Case(
        membership, EDITORS_POST, method="post", data=lambda w: {"role": "editor"}
    ),
    "members:membership_remove": Case(membership, EDITORS_POST, method="post"),
    "members:person": [
        Case(person_pk, EVERYONE),
        # No approved membership: not public (members/access.py can_view_person).
        Case(unvetted_person_pk, statuses(404, 404, 404, 404, 404, 200)),
        Case(applicant_person_pk, statuses(404, 200, 404, 404, 200, 200)),
    ],
    # A profile is changed by its owner (the member persona here) and by coordinators.
    "members:person_edit": Case(person_pk, statuses(302, 403, 403, 200, 403, 200)),
    # Members of the network ask an adviser; an account without an organisation may not.
    "members:ask": [
        Case(adviser_pk, statuses(302, 403, 200, 200, 200, 200)),
        Case(person_pk, statuses(302, 403, 404, 404, 404, 404)),  # not an adviser
    ],
    # Only the adviser a request went to (the member persona) answers or declines it.
    "members:advice_answered": Case(
        advice_request, statuses(302, 404, 404, 302, 404, 404), method="post"
    ),
    "members:advice_decline": Case(
        advice_request, statuses(302, 404, 404, 302, 404, 404), method="post"
    ),
    "members:decide": Case(
        join_request,
        statuses(302, 404, 404, 404, 302, 302),
        method="post",
        data=lambda w: {"decision": "approved"},
    ),
    # joint projects: public or members-only like resources; the lead's editors change them
    "projects:detail": [
        Case(project("public"), EVERYONE),
        Case(project("members"), MEMBERS_ONLY),
    ],
    "projects:edit": [
        Case(project("public"), EDITORS_GET),
        Case(project("members"), statuses(302, 404, 403, 403, 200, 200)),
    ],
    "projects:requests": Case(project("public"), EDITORS_GET),
    "projects:report": Case(project("public"), EDITORS_GET),
    # "We want to join" is for members of another organisation (the lead cannot join itself).
    "projects:join": [
        Case(project("public"), statuses(302, 403, 200, 403, 403, 403)),
        Case(project("members"), statuses(302, 404, 200, 403, 403, 403)),
    ],
    "projects:decide": Case(
        project_join_request,
        statuses(302, 404, 404, 404, 302, 302),
        method="post",
        data=lambda w: {"decision": "accept"},
    ),
    # Progress reports, their files included, are for members of the network.
    "projects:attachment": Case(report_attachment, statuses(404, 404, 200, 200, 200, 200)),
    # events: public events for all, members-only ones 404 to the public
    "events:detail": [
        Case(event("public"), EVERYONE),
        Case(event("members"), MEMBERS_ONLY),
    ],
    "events:event_ics": [
        Case(event("public"), EVERYONE),
        Case(event("members"), MEMBERS_ONLY),
    ],
    # Anyone signed in may register for a public event; members-only ones are hidden from others.
    "events:register": [
        Case(event("public"), statuses(302, 302, 302, 302, 302, 302), method="post"),
        Case(event("members"), statuses(302, 404, 302, 302, 302, 302), method="post"),
    ],
    "events:cancel": Case(event("public"), statuses(302, 302, 302, 302, 302, 302), method="post"),
    "events:registrations": Case(event("public"), ORGANISERS_GET),
    "events:decide": Case(
        registration, ORGANISERS_POST, method="post", data=lambda w: {"decision": "approve"}
    ),
    "events:pledge_create": Case(
        past_event,
        statuses(302, 302, 302, 302, 302, 302),
        method="post",
        data=lambda w: {"action": "ปลูกป่าชายเลนร่วมกับชุมชน"},
    ),
    # Only the person who pledged (the member persona) and coordinators update a pledge.
    "events:pledge_update": Case(
        pledge,
        statuses(302, 404, 404, 302, 404, 302),
        method="post",
        data=lambda w: {"status": "done", "note": "ทำแล้ว"},
    ),
    # knowledge: a resource of the organisation, posted by none of the personas
    "knowledge:detail": [
        Case(resource("public"), EVERYONE),
        Case(resource("members"), MEMBERS_ONLY),
        # Unpublished work is seen only by those who may change it.
        Case(resource("public", "in_review"), statuses(404, 404, 404, 404, 200, 200)),
    ],
    "knowledge:edit": [
        Case(resource("public"), EDITORS_GET),
        Case(resource("members"), statuses(302, 404, 403, 403, 200, 200)),
    ],
    "knowledge:delete_attachment": Case(
        resource("public", attachment=True), EDITORS_POST, method="post"
    ),
    "knowledge:attachment": [
        Case(attachment_file("public"), EVERYONE),
        Case(attachment_file("members"), MEMBERS_ONLY),
    ],
    # Only members of the network post; an account without an organisation is refused.
    "knowledge:comment": Case(
        resource("public"),
        statuses(302, 403, 302, 302, 302, 302),
        method="post",
        data=lambda w: {"body": "ขอบคุณสำหรับข้อมูล"},
    ),
    # Coordinators only (members.access.coordinators_only): everyone else is refused.
    "knowledge:publish": Case(
        resource("public", "in_review"), statuses(302, 403, 403, 403, 403, 302), method="post"
    ),
    "knowledge:return": Case(
        resource("public", "in_review"),
        statuses(302, 403, 403, 403, 403, 302),
        method="post",
        data=lambda w: {"comment": "โปรดเพิ่มแหล่งที่มา"},
    ),
    "knowledge:comment_on_event": [
        Case(
            event("public"),
            statuses(302, 403, 302, 302, 302, 302),
            method="post",
            data=lambda w: {"body": "ได้ความรู้มาก"},
        ),
        Case(
            event("members"),
            statuses(302, 404, 302, 302, 302, 302),
            method="post",
            data=lambda w: {"body": "ได้ความรู้มาก"},
        ),
    ],
    "knowledge:thread": [
        Case(thread("public"), EVERYONE),
        Case(thread("members"), MEMBERS_ONLY),
    ],
    "knowledge:reply": Case(
        thread("public"),
        statuses(302, 403, 302, 302, 302, 302),
        method="post",
        data=lambda w: {"body": "ลองดูแผนของหาดใหญ่"},
    ),
    # The thread's author (the member persona) and coordinators mark an answer helpful.
    "knowledge:helpful": Case(thread_reply, statuses(302, 404, 404, 302, 404, 302), method="post"),
    "knowledge:flag": Case(
        flagged_thread,
        statuses(302, 403, 302, 302, 302, 302),
        method="post",
        data=lambda w: {"reason": "spam"},
    ),
    # funding calls (knowledge app, /funding/)
    "funding:detail": [
        Case(funding_call("published"), EVERYONE),
        Case(funding_call("proposed"), PROPOSER_GET),
        Case(funding_call("rejected"), statuses(404, 404, 404, 404, 404, 200)),
    ],
    "funding:edit": [
        Case(funding_call("published"), statuses(302, 403, 403, 403, 403, 200)),
        Case(funding_call("proposed"), statuses(302, 404, 404, 200, 404, 200)),
    ],
    "funding:document": [
        Case(funding_document("published"), EVERYONE),
        Case(funding_document("proposed"), PROPOSER_GET),
    ],
    "funding:delete_document": Case(
        funding_call("proposed", document=True),
        statuses(302, 404, 404, 302, 404, 302),
        method="post",
    ),
    "funding:publish": Case(funding_call("proposed"), COORDINATORS_POST, method="post"),
    "funding:decline": Case(
        funding_call("proposed"),
        COORDINATORS_POST,
        method="post",
        data=lambda w: {"comment": "ประกาศนี้ปิดรับไปแล้ว"},
    ),
    # surveys: answered by their segment (the organisation's region), the others are told why;
    # coordinators outside it see a preview. Results and exports are the coordinators'.
    "surveys:answer": [
        Case(survey(), statuses(302, 403, 403, 200, 200, 200)),
        Case(survey(), statuses(302, 403, 403, 302, 302, 403), method="post"),
    ],
    # Nothing answered yet: back to the survey.
    "surveys:thanks": Case(survey(), statuses(302, 403, 403, 302, 302, 302)),
    "surveys:results": Case(survey(), statuses(302, 403, 403, 403, 403, 200)),
    "surveys:export": Case(survey(fmt="csv"), statuses(302, 403, 403, 403, 403, 200)),
}

# URLs whose parameter is not an object of the network; each says why it is left out.
NOT_OBJECT_URLS = {
    "account_confirm_email": "allauth: a signed, single-use e-mail confirmation key",
    "account_reset_password_from_key": "allauth: a single-use password-reset token",
    "events:personal_ics": "a person's secret calendar-feed token (tests/events/test_ical.py)",
    "unsubscribe": "a signed unsubscribe token, no sign-in (tests/outbox/test_preferences.py)",
    "members:advice_reply": "a signed key from the adviser's e-mail (tests/members/test_advisers.py)",
}
# Static and media file serving in development (DEBUG only) take a file path.
NOT_OBJECT_ROUTE_PREFIXES = ("^media/", "^static/")


def url_patterns(patterns=None, namespace=None, prefix=""):
    """(qualified name, route, parameter names) for every pattern the resolver knows."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from url_patterns(pattern.url_patterns, ns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            name = pattern.name or ""
            qualified = f"{namespace}:{name}" if namespace and name else name
            yield qualified, prefix + str(pattern.pattern), set(pattern.pattern.regex.groupindex)


def object_urls() -> dict[str, str]:
    found = {}
    # Routes in the default language, which has no prefix, whatever an earlier test activated.
    with translation.override(settings.LANGUAGE_CODE):
        patterns = list(url_patterns())
    for name, route, params in patterns:
        if not params or route.startswith(NOT_OBJECT_ROUTE_PREFIXES):
            continue
        if name.split(":")[0] == "admin" or route.startswith("admin/"):
            continue  # the admin is covered model by model in test_admin_* below
        found[name or route] = route
    return found


@pytest.mark.parametrize("active_language", ["th", "en"])  # an earlier test may leave English on
def test_every_url_taking_an_object_has_an_expectation(active_language):
    with translation.override(active_language):
        missing = sorted(set(object_urls()) - set(EXPECTATIONS) - set(NOT_OBJECT_URLS))
    assert not missing, f"add access expectations for {missing} to EXPECTATIONS"


def test_every_expectation_names_a_url_that_exists():
    stale = sorted(set(EXPECTATIONS) - set(object_urls()))
    assert not stale, f"these URLs are gone: {stale}"


@pytest.fixture
def world(organisation, other_organisation, outsider, member, editor, coordinator):
    other = UserFactory(email="other-member@example.org")
    MembershipFactory(
        person=PersonFactory(user=other, name_en="Oranuch Other", name_th="อรนุช อื่น"),
        organisation=other_organisation,
        role=Membership.Role.MEMBER,
    )
    return SimpleNamespace(
        organisation=organisation,
        other_organisation=other_organisation,
        anonymous=None,
        outsider=outsider,
        other_member=other,
        member=member,
        editor=editor,
        coordinator=coordinator,
    )


def cases():
    for name, expectation in sorted(EXPECTATIONS.items()):
        listed = expectation if isinstance(expectation, list) else [expectation]
        for number, case in enumerate(listed):
            yield pytest.param(name, case, id=f"{name}-{number}")


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "case"), cases())
def test_access(name, case, persona, world, client_for):
    url = reverse(name, kwargs=case.kwargs(world))
    client = client_for(getattr(world, persona))
    response = getattr(client, case.method)(url, case.data(world))
    expected = case.expect[persona]
    assert response.status_code == expected, (
        f"{persona} {case.method.upper()} {url}: {response.status_code}, expected {expected}"
    )


def admin_changelists():
    return sorted((model._meta.app_label, model._meta.model_name) for model in admin.site._registry)


@pytest.mark.parametrize(("app_label", "model_name"), admin_changelists())
def test_admin_lists_are_for_coordinators_of_the_networks_apps_only(
    app_label, model_name, world, client_for
):
    url = reverse(f"admin:{app_label}_{model_name}_changelist")
    for persona in ("anonymous", "outsider", "other_member", "member", "editor"):
        response = client_for(getattr(world, persona)).get(url)
        assert response.status_code == 302, persona
        assert "/admin/login/" in response["Location"]
    expected = 200 if app_label in COORDINATED_APPS else 403
    assert client_for(world.coordinator).get(url).status_code == expected


# --- pages for coordinators only that take no object (network health) ---------------------------

COORDINATOR_PAGES = [
    ("get", "health:dashboard", {}),
    ("get", "health:graphml", {}),
    ("get", "health:ties_csv", {}),
    ("get", "health:organisations_csv", {}),
    ("post", "health:recompute", {}),
    ("post", "health:nudge", {"kind": "organisation", "pk": "0"}),
]


@pytest.mark.parametrize(("method", "name", "data"), COORDINATOR_PAGES)
def test_network_health_is_for_coordinators_only(method, name, data, world, client_for):
    from network.health.compute import compute_and_store

    compute_and_store()
    url = reverse(name)
    expected = statuses(302, 403, 403, 403, 403, 302 if method == "post" else 200)
    for persona in PERSONAS:
        response = getattr(client_for(getattr(world, persona)), method)(url, data)
        assert response.status_code == expected[persona], f"{persona} {method} {url}"
    if method == "post" and name == "health:nudge":
        assert response.status_code == 302  # an unknown organisation is refused politely
