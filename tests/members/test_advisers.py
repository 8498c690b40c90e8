"""Advisers and expertise (issue 12): the people list, asking an adviser, declining, mentoring."""

import re
from importlib import import_module

import pytest
from django.core import mail
from django.test import override_settings

from members.models import AdviceRequest, MentoringPair, Organisation, Person
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
    topic,
)

pytestmark = pytest.mark.django_db

PRIVATE = "adviser-private@example.org"


def html_part(message):
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


@pytest.fixture
def adviser(other_organisation):
    """An adviser in Hat Yai (another organisation than the member's) who writes in English."""
    user = UserFactory(email=PRIVATE)
    person = PersonFactory(
        user=user,
        name_en="Anucha Adviser",
        name_th="อนุชา ที่ปรึกษา",
        is_adviser=True,
        speaks=["th", "en"],
        language="en",
        contact_visibility=Person.ContactVisibility.HIDDEN,
    )
    person.expertise.add(topic("flooding"))
    person.expertise_tags.add("retention ponds")
    MembershipFactory(person=person, organisation=other_organisation)
    return person


def ask(client, adviser, django_capture_on_commit_callbacks, **data):
    payload = {"subject": "Flood retention ponds", "message": "How did Hat Yai plan its ponds?"}
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(f"/en/members/people/{adviser.pk}/ask/", {**payload, **data})


# --- the people list ---------------------------------------------------------------------------


def listed_names(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("persona", [None, "outsider", "member"])
def test_the_list_leaves_out_people_the_network_does_not_vouch_for(
    request, client_for, member, adviser, persona
):
    self_styled = PersonFactory(name_en="Sak Selfstyled", position="Official coordinator")
    user = request.getfixturevalue(persona) if persona else None
    html = listed_names(client_for(user).get("/en/members/people/"))
    assert "Anucha Adviser" in html and "Malee Member" in html
    assert "Sak Selfstyled" not in html
    # Its owner and coordinators see it, as on the person page.
    owner_html = listed_names(client_for(self_styled.user).get("/en/members/people/"))
    assert "Sak Selfstyled" in owner_html


def test_coordinators_see_everyone(client_for, coordinator, adviser):
    PersonFactory(name_en="Sak Selfstyled")
    html = listed_names(client_for(coordinator).get("/en/members/people/"))
    assert "Sak Selfstyled" in html


def test_members_of_an_applicant_organisation_stay_off_the_list(client, adviser):
    applicant = OrganisationFactory(status=Organisation.Status.APPLICANT)
    MembershipFactory(person=PersonFactory(name_en="Applicant Person"), organisation=applicant)
    assert "Applicant Person" not in listed_names(client.get("/en/members/people/"))


def test_the_list_shows_no_contact_details(client_for, member, adviser, other_organisation):
    public = PersonFactory(
        name_en="Open Person", email="open.person@example.org", contact_visibility="public"
    )
    MembershipFactory(person=public, organisation=other_organisation)
    html = listed_names(client_for(member).get("/en/members/people/"))
    assert "Open Person" in html
    assert "open.person@example.org" not in html and PRIVATE not in html


def test_filters_by_expertise_tag_kind_region_language_and_advisers(
    client, member, adviser, organisation, other_organisation
):
    university = OrganisationFactory(
        kind=Organisation.Kind.ACADEMIC, municipality_level="", region="northeast"
    )
    researcher = PersonFactory(name_en="Rattana Researcher", speaks=["en"])
    researcher.expertise.add(topic("urban-governance"))
    MembershipFactory(person=researcher, organisation=university)

    def names(query):
        html = listed_names(client.get(f"/en/members/people/?{query}"))
        return {n for n in ("Anucha Adviser", "Malee Member", "Rattana Researcher") if n in html}

    assert names("advisers=1") == {"Anucha Adviser"}
    assert names("expertise=flooding") == {"Anucha Adviser"}
    assert names("expertise=urban-governance") == {"Rattana Researcher"}
    assert names("tag=Retention+ponds") == {"Anucha Adviser"}
    assert names("kind=academic") == {"Rattana Researcher"}
    assert names("region=south") == {"Anucha Adviser"}
    assert names("region=northeast&kind=academic") == {"Rattana Researcher"}
    assert names("language=th") == {"Anucha Adviser"}
    assert names("q=malee") == {"Malee Member"}
    # Nonsense is ignored, never a 500.
    assert names("expertise=nope&region=mars&page=x") == {
        "Anucha Adviser",
        "Malee Member",
        "Rattana Researcher",
    }
    assert names("advisers=0") == {"Anucha Adviser", "Malee Member", "Rattana Researcher"}
    # Kind and region are those of one organisation: a person of a southern city and a
    # north-eastern university is no southern university's person.
    both = PersonFactory(name_en="Both Places")
    MembershipFactory(person=both, organisation=other_organisation)  # Hat Yai, in the south
    MembershipFactory(person=both, organisation=university)
    assert "Both Places" not in listed_names(client.get("/en/members/people/?region=south&kind=academic"))
    assert "Both Places" in listed_names(client.get("/en/members/people/?region=northeast&kind=academic"))
    assert "Both Places" in listed_names(client.get("/en/members/people/?region=south&q=both"))


def test_find_an_adviser_in_thai(client, adviser):
    html = listed_names(client.get("/members/people/?advisers=1"))
    assert "อนุชา ที่ปรึกษา" in html
    assert "ค้นหาที่ปรึกษา" in html


def _crowd(n, organisation):
    flooding, governance = topic("flooding"), topic("urban-governance")
    for i in range(n):
        person = PersonFactory(is_adviser=i % 2 == 0, speaks=["th"])
        person.expertise.add(flooding, governance)
        person.expertise_tags.add(f"tag {i}", "drainage")
        MembershipFactory(person=person, organisation=organisation)
        MembershipFactory(person=person, organisation=OrganisationFactory())


@pytest.mark.parametrize("persona", [None, "member", "coordinator"])
def test_people_list_query_count_is_flat(
    request, client_for, member, organisation, persona, django_assert_max_num_queries
):
    user = request.getfixturevalue(persona) if persona else None
    client = client_for(user)
    counts = []
    for n in (2, 30):
        _crowd(n, organisation)
        with django_assert_max_num_queries(12) as captured:
            assert client.get("/en/members/people/?advisers=1&expertise=flooding").status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


# --- the profile ------------------------------------------------------------------------------


def edit_profile(client, person, **data):
    base = {"name_en": "Malee Member", "contact_visibility": "members", "language": "en"}
    return client.post(f"/en/members/people/{person.pk}/edit/", {**base, **data})


def test_members_say_they_advise_with_tags_and_languages(client_for, member):
    person = Person.objects.get(user=member)
    response = edit_profile(
        client_for(member),
        person,
        is_adviser="on",
        speaks=["th", "other"],
        languages="Lao",
        expertise=[topic("flooding").pk],
        expertise_tags="early warning, มหานครน้ำ",
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.is_adviser and person.speaks == ["th", "other"]
    assert sorted(t.name for t in person.expertise_tags.all()) == ["early warning", "มหานครน้ำ"]
    html = client_for(None).get(f"/en/members/people/{person.pk}/").content.decode()
    assert "Adviser" in html and "early warning" in html and "Thai, Other · Lao" in html


def test_a_too_long_tag_is_refused_and_the_text_kept(client_for, member):
    person = Person.objects.get(user=member)
    response = edit_profile(client_for(member), person, expertise_tags="x" * 120, languages="Lao")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Each tag can have at most" in html and 'value="Lao"' in html


def test_free_text_languages_become_choices():
    migration = import_module("members.migrations.0008_advisers_and_mentoring")
    assert migration.split_languages("ไทย, English") == (["th", "en"], "")
    assert migration.split_languages("Thai / Lao; Malay") == (["th", "other"], "Lao, Malay")
    assert migration.split_languages("") == ([], "")


# --- asking for advice -----------------------------------------------------------------------


def test_anonymous_visitors_sign_in_to_ask(client, adviser):
    response = client.get(f"/en/members/people/{adviser.pk}/ask/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_account_without_an_organisation_may_not_ask(
    client_for, outsider, adviser, django_capture_on_commit_callbacks
):
    client = client_for(outsider)
    assert client.get(f"/en/members/people/{adviser.pk}/ask/").status_code == 403
    assert ask(client, adviser, django_capture_on_commit_callbacks).status_code == 403
    assert not AdviceRequest.objects.exists() and not mail.outbox


def test_only_visible_advisers_with_an_account_can_be_asked(client_for, member, organisation):
    client = client_for(member)
    not_adviser = PersonFactory()
    MembershipFactory(person=not_adviser, organisation=organisation)
    unvetted = PersonFactory(is_adviser=True)
    no_account = PersonFactory(user=None, is_adviser=True)
    me = Person.objects.get(user=member)
    Person.objects.filter(pk=me.pk).update(is_adviser=True)
    for person in (not_adviser, unvetted, no_account, me):
        assert client.get(f"/en/members/people/{person.pk}/ask/").status_code == 404
    assert client.get("/en/members/people/999999/ask/").status_code == 404


def test_a_member_asks_and_the_adviser_gets_it_with_reply_to_the_member(
    client_for, member, adviser, organisation, django_capture_on_commit_callbacks
):
    response = ask(client_for(member), adviser, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response["Location"].endswith("/members/advice/")
    request_row = AdviceRequest.objects.get()
    assert (request_row.requester.user, request_row.adviser) == (member, adviser)
    [message] = mail.outbox
    assert message.to == [PRIVATE]
    assert message.reply_to == ["member@example.org"]
    assert message.subject == "Malee Member asks for your advice: Flood retention ponds"
    for part in (message.body, html_part(message)):
        assert "Malee Member" in part
        assert organisation.name_en in part
        assert "How did Hat Yai plan its ponds?" in part
        assert "/en/members/advice/reply/" in part


def test_the_adviser_gets_the_request_in_thai(
    client_for, member, adviser, django_capture_on_commit_callbacks
):
    Person.objects.filter(pk=adviser.pk).update(language="th")
    ask(client_for(member), adviser, django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert "ขอคำปรึกษา" in message.subject and "มาลี สมาชิก" in message.subject
    for part in (message.body, html_part(message)):
        assert "เทศบาลนครเชียงราย" in part
        assert "/members/advice/reply/" in part and "/en/" not in part


def test_the_request_form_keeps_the_text_and_says_what_is_missing(
    client_for, member, adviser, django_capture_on_commit_callbacks
):
    response = ask(
        client_for(member), adviser, django_capture_on_commit_callbacks, subject="", message="Mine"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "This field is required." in html and "Mine" in html
    assert not AdviceRequest.objects.exists()


@override_settings(MEMBERS_ADVICE_REQUESTS_PER_DAY=2)
def test_requests_are_limited_per_member_per_day(
    client_for, member, adviser, other_organisation, django_capture_on_commit_callbacks
):
    client = client_for(member)
    others = []
    for name in ("Second Adviser", "Third Adviser"):
        person = PersonFactory(name_en=name, is_adviser=True)
        MembershipFactory(person=person, organisation=other_organisation)
        others.append(person)
    assert ask(client, adviser, django_capture_on_commit_callbacks).status_code == 302
    assert ask(client, others[0], django_capture_on_commit_callbacks).status_code == 302
    response = ask(client, others[1], django_capture_on_commit_callbacks, message="Third try")
    assert response.status_code == 429
    html = response.content.decode()
    assert "You have sent 2 requests for advice in the last 24 hours" in html
    assert "Third try" in html
    assert AdviceRequest.objects.count() == 2 and len(mail.outbox) == 2


def test_a_second_request_to_the_same_adviser_waits_for_the_first(
    client_for, member, adviser, django_capture_on_commit_callbacks
):
    client = client_for(member)
    ask(client, adviser, django_capture_on_commit_callbacks)
    response = ask(client, adviser, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "still waiting for an answer" in response.content.decode()
    assert AdviceRequest.objects.count() == 1


@pytest.mark.parametrize("visibility", ["hidden", "members"])
def test_the_requester_never_sees_the_advisers_address(
    client_for, member, adviser, visibility, django_capture_on_commit_callbacks
):
    # The account's address is the one requests go to; the adviser publishes no contact e-mail.
    Person.objects.filter(pk=adviser.pk).update(contact_visibility=visibility, email="")
    client = client_for(member)
    pages = [
        client.get("/en/members/people/"),
        client.get("/en/members/people/?advisers=1"),
        client.get(f"/en/members/people/{adviser.pk}/"),
        client.get(f"/en/members/people/{adviser.pk}/ask/"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        pages.append(
            client.post(
                f"/en/members/people/{adviser.pk}/ask/",
                {"subject": "Ponds", "message": "How?"},
                follow=True,
            )
        )
    advice_request = AdviceRequest.objects.get()
    from members.services import decline_advice_request

    with django_capture_on_commit_callbacks(execute=True):
        decline_advice_request(advice_request=advice_request)
    pages.append(client.get("/en/members/advice/"))
    for page in pages:
        assert page.status_code == 200
        assert PRIVATE not in page.content.decode()
    to_requester = [m for m in mail.outbox if "member@example.org" in m.to]
    assert to_requester, "the requester is told of the decline"
    for message in to_requester:
        text = " ".join(
            [message.subject, message.body, html_part(message), str(message.extra_headers)]
        )
        assert PRIVATE not in text and PRIVATE not in message.reply_to
        assert PRIVATE not in message.message().as_string()


# --- the adviser's answer ---------------------------------------------------------------------


@pytest.fixture
def asked(client_for, member, adviser, django_capture_on_commit_callbacks):
    ask(client_for(member), adviser, django_capture_on_commit_callbacks)
    [message] = mail.outbox
    mail.outbox.clear()
    client_for(None)  # the links work without signing in
    # The e-mail's links: "I have answered" first, then "decline".
    answered, declined = re.findall(r"/en/members/advice/reply/[^\s/\"]+/", message.body)
    links = {"answered": answered, "declined": declined}
    return AdviceRequest.objects.get(), links


def test_the_adviser_declines_with_the_signed_link_and_the_requester_is_told(
    client, asked, member, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    Person.objects.filter(user=member).update(language="en")
    advice_request, links = asked
    # GET only asks for confirmation: mail scanners open links.
    with django_assert_max_num_queries(12):
        page = client.get(links["declined"])
    assert page.status_code == 200 and "Decline this request?" in page.content.decode()
    advice_request.refresh_from_db()
    assert advice_request.status == "sent"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(links["declined"]).status_code == 302
    advice_request.refresh_from_db()
    assert advice_request.status == "declined" and advice_request.closed_at
    [message] = mail.outbox
    assert message.to == ["member@example.org"]
    assert message.subject == "Your request for advice: Flood retention ponds"
    for part in (message.body, html_part(message)):
        assert "Anucha Adviser cannot help" in part
        assert "/en/members/people/?advisers=1" in part
    # A second click changes nothing and tells no one again.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(links["declined"])
    assert len(mail.outbox) == 1
    assert "This request is closed" in client.get(links["declined"]).content.decode()


def test_the_requester_is_told_of_a_decline_in_thai(
    client, asked, member, django_capture_on_commit_callbacks
):
    Person.objects.filter(user=member).update(language="th")
    advice_request, links = asked
    with django_capture_on_commit_callbacks(execute=True):
        client.post(links["declined"])
    [message] = mail.outbox
    assert "คำขอคำปรึกษา" in message.subject
    for part in (message.body, html_part(message)):
        assert "อนุชา ที่ปรึกษา" in part
        assert "/members/people/?advisers=1" in part and "/en/" not in part


def test_the_answered_link_marks_the_request_answered_without_an_email(
    client, asked, django_capture_on_commit_callbacks
):
    advice_request, links = asked
    with django_capture_on_commit_callbacks(execute=True):
        client.post(links["answered"])
    advice_request.refresh_from_db()
    assert advice_request.status == "answered"
    assert not mail.outbox


def test_an_altered_or_foreign_link_is_a_404(client, asked):
    advice_request, links = asked
    token = links["declined"].rstrip("/").rsplit("/", 1)[-1]
    assert client.get(f"/en/members/advice/reply/{token[:-2]}xx/").status_code == 404
    assert client.post(f"/en/members/advice/reply/{token[:-2]}xx/").status_code == 404
    assert client.get("/en/members/advice/reply/nonsense/").status_code == 404
    from django.core import signing

    from members.access import ADVICE_LINK_SALT

    forged = signing.dumps([advice_request.pk, advice_request.adviser_id + 1, "declined"], salt=ADVICE_LINK_SALT)
    assert client.post(f"/en/members/advice/reply/{forged}/").status_code == 404
    wrong_kind = signing.dumps([advice_request.pk, advice_request.adviser_id, "delete"], salt=ADVICE_LINK_SALT)
    assert client.post(f"/en/members/advice/reply/{wrong_kind}/").status_code == 404
    advice_request.refresh_from_db()
    assert advice_request.status == "sent"


def test_the_adviser_declines_on_the_signed_in_page(
    client_for, asked, adviser, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    advice_request, _links = asked
    client = client_for(adviser.user)
    with django_assert_max_num_queries(12):
        html = client.get("/en/members/advice/").content.decode()
    assert "Flood retention ponds" in html and "How did Hat Yai plan its ponds?" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/members/advice/{advice_request.pk}/decline/")
    assert response.status_code == 302
    advice_request.refresh_from_db()
    assert advice_request.status == "declined"
    assert [m.to for m in mail.outbox] == [["member@example.org"]]


@pytest.mark.parametrize("persona", ["outsider", "member", "editor", "coordinator"])
def test_nobody_else_closes_a_request(
    request, client_for, asked, persona, django_capture_on_commit_callbacks
):
    advice_request, _links = asked
    client = client_for(request.getfixturevalue(persona))
    for action in ("answered", "decline"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/en/members/advice/{advice_request.pk}/{action}/")
        assert response.status_code == 404
    advice_request.refresh_from_db()
    assert advice_request.status == "sent" and not mail.outbox


def test_anonymous_visitors_sign_in_for_the_advice_page(client, asked):
    advice_request, _links = asked
    assert client.get("/en/members/advice/").status_code == 302
    response = client.post(f"/en/members/advice/{advice_request.pk}/decline/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_advice_page_query_count_is_flat(
    client_for, member, adviser, other_organisation, django_assert_max_num_queries
):
    requester = Person.objects.get(user=member)
    client = client_for(adviser.user)
    counts = []
    for n in (1, 20):
        for i in range(n):
            someone = PersonFactory()
            MembershipFactory(person=someone, organisation=other_organisation)
            AdviceRequest.objects.create(requester=someone, adviser=adviser, subject=f"S{i}", message="M")
            AdviceRequest.objects.create(requester=requester, adviser=someone, subject=f"T{i}", message="M")
        with django_assert_max_num_queries(12) as captured:
            assert client.get("/en/members/advice/").status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_ask_page_query_count(client_for, member, adviser, django_assert_max_num_queries):
    client = client_for(member)
    with django_assert_max_num_queries(12):
        assert client.get(f"/en/members/people/{adviser.pk}/ask/").status_code == 200


# --- coordinators ----------------------------------------------------------------------------


def test_coordinators_see_how_many_were_made_answered_and_declined(
    client_for, coordinator, member, adviser
):
    requester = Person.objects.get(user=member)
    for status in ("sent", "answered", "answered", "declined"):
        AdviceRequest.objects.create(
            requester=requester, adviser=adviser, subject=f"About {status}", message="Secret text", status=status
        )
    client = client_for(coordinator)
    html = client.get("/en/admin/members/advicerequest/").content.decode()
    assert "4 requests for advice" in html
    assert "Answered (2)" in html and "Declined by the adviser (1)" in html
    assert "Secret text" not in html
    thai = client.get("/admin/members/advicerequest/").content.decode()
    assert "ตอบแล้ว (2)" in thai and "ที่ปรึกษาปฏิเสธ (1)" in thai
    answered = client.get("/en/admin/members/advicerequest/?status__exact=answered").content.decode()
    assert "2 requests for advice" in answered
    one = AdviceRequest.objects.first()
    detail = client.get(f"/en/admin/members/advicerequest/{one.pk}/change/").content.decode()
    assert "Secret text" not in detail


# --- mentoring pairs --------------------------------------------------------------------------


def test_a_mentoring_pair_shows_on_both_organisation_pages(client, organisation, other_organisation):
    pair = MentoringPair.objects.create(
        mentor=other_organisation, mentee=organisation, notes_en="Flood drills together."
    )
    pair.topics.add(topic("flooding"))
    mentor_html = client.get(f"/en/members/{other_organisation.slug}/").content.decode()
    mentee_html = client.get(f"/en/members/{organisation.slug}/").content.decode()
    assert "Mentoring" in mentor_html and "Helps" in mentor_html
    assert organisation.name_en in mentor_html and "Flood drills together." in mentor_html
    assert "Helped by" in mentee_html and other_organisation.name_en in mentee_html


def test_a_pair_with_an_unlisted_organisation_is_not_shown(client, organisation):
    applicant = OrganisationFactory(status=Organisation.Status.APPLICANT, name_en="Secret Applicant")
    MentoringPair.objects.create(mentor=organisation, mentee=applicant)
    html = client.get(f"/en/members/{organisation.slug}/").content.decode()
    assert "Secret Applicant" not in html and "Mentoring" not in html


def test_organisation_page_query_count_with_mentoring_is_flat(
    client, organisation, django_assert_max_num_queries
):
    counts = []
    for n in (1, 8):
        for _ in range(n):
            pair = MentoringPair.objects.create(mentor=organisation, mentee=OrganisationFactory())
            pair.topics.add(topic("flooding"))
        with django_assert_max_num_queries(12) as captured:
            assert client.get(f"/en/members/{organisation.slug}/").status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_coordinators_manage_mentoring_pairs_in_the_admin(
    client_for, coordinator, organisation, other_organisation
):
    client = client_for(coordinator)
    response = client.post(
        "/en/admin/members/mentoringpair/add/",
        {"mentor": other_organisation.pk, "mentee": organisation.pk, "notes_th": "", "notes_en": ""},
    )
    assert response.status_code == 302
    assert MentoringPair.objects.filter(mentor=other_organisation, mentee=organisation).exists()
    same = client.post(
        "/en/admin/members/mentoringpair/add/",
        {"mentor": organisation.pk, "mentee": organisation.pk, "notes_th": "", "notes_en": ""},
    )
    assert same.status_code == 200  # refused with a message, not a 500


def test_members_and_editors_cannot_manage_mentoring_pairs(client_for, editor):
    response = client_for(editor).get("/en/admin/members/mentoringpair/")
    assert response.status_code == 302  # the admin sends non-staff to its login


# --- the demo ---------------------------------------------------------------------------------


def test_the_demo_marks_its_mentoring_pairs_as_examples(client):
    from django.core.management import call_command

    call_command("load_demo")
    call_command("load_demo")  # idempotent
    pairs = list(MentoringPair.objects.select_related("mentor", "mentee"))
    assert {(p.mentor.slug, p.mentee.slug) for p in pairs} == {
        ("hat-yai", "thung-song"),
        ("chiang-rai", "patong"),
        ("khu-tao", "udon-thani"),
    }
    for pair in pairs:
        assert pair.since is None  # the handbook gives no date
        assert "does not record this mentoring pair" in pair.notes_en
        assert "ไม่ได้ระบุ" in pair.notes_th
    hat_yai = Person.objects.get(name_en="Anucha Madman")
    assert hat_yai.is_adviser and hat_yai.speaks == ["th"]
    html = client.get("/en/members/people/?advisers=1").content.decode()
    assert "Anucha Madman" in html or "อนุชา หมัดหมาน" in html
    assert "Demo example" in client.get("/en/members/thung-song/").content.decode()
