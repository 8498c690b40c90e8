import pytest
from django.core import mail

from members.models import JoinRequest, Membership, Organisation, Person
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def html_part(message):
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def ask(client, django_capture_on_commit_callbacks, **data):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post("/en/members/join/", {"message": "I lead the flood team.", **data})


def test_join_page_asks_anonymous_visitors_to_sign_in(client):
    response = client.get("/en/members/join/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_asking_to_join_emails_the_editors_and_coordinators(
    client_for,
    outsider,
    editor,
    coordinator,
    member,
    organisation,
    django_capture_on_commit_callbacks,
):
    response = ask(
        client_for(outsider), django_capture_on_commit_callbacks, organisation=organisation.pk
    )
    assert response.status_code == 302
    join_request = JoinRequest.objects.get()
    assert join_request.organisation == organisation and join_request.status == "pending"
    recipients = sorted(address for m in mail.outbox for address in m.to)
    assert recipients == ["coordinator@example.org", "editor@example.org"]
    message = mail.outbox[0]
    assert "โอลิเวีย คนนอก" in message.subject  # both deciders read Thai
    assert "/members/requests/" in message.body
    assert "I lead the flood team." in message.body
    assert "/members/requests/" in html_part(message)
    assert "I lead the flood team." in html_part(message)


def test_editors_get_the_notice_in_their_own_language(
    client_for, outsider, editor, organisation, django_capture_on_commit_callbacks
):
    Person.objects.filter(user=editor).update(language="th")
    ask(client_for(outsider), django_capture_on_commit_callbacks, organisation=organisation.pk)
    [message] = [m for m in mail.outbox if m.to == ["editor@example.org"]]
    assert "ขอเข้าร่วม" in message.subject
    assert "/members/requests/" in message.body and "/en/" not in message.body


def test_a_new_account_gives_its_name_when_asking_to_join(
    client_for, organisation, django_capture_on_commit_callbacks
):
    user = UserFactory(email="newcomer@example.org")
    client = client_for(user)
    response = ask(client, django_capture_on_commit_callbacks, organisation=organisation.pk)
    assert response.status_code == 200
    assert not JoinRequest.objects.exists()
    ask(
        client,
        django_capture_on_commit_callbacks,
        organisation=organisation.pk,
        name_en="Nok Newcomer",
        name_th="นก มาใหม่",
    )
    assert JoinRequest.objects.get().person.name_en == "Nok Newcomer"


def test_asking_twice_does_not_create_a_second_request(
    client_for, outsider, organisation, django_capture_on_commit_callbacks
):
    client = client_for(outsider)
    ask(client, django_capture_on_commit_callbacks, organisation=organisation.pk)
    ask(client, django_capture_on_commit_callbacks, organisation=organisation.pk)
    assert JoinRequest.objects.count() == 1


def test_editor_approves_and_the_applicant_becomes_a_member(
    client_for, outsider, editor, organisation, django_capture_on_commit_callbacks
):
    ask(client_for(outsider), django_capture_on_commit_callbacks, organisation=organisation.pk)
    join_request = JoinRequest.objects.get()
    assert client_for(outsider).get("/en/members/chiang-rai/").context["network_role"] == "public"
    client = client_for(editor)
    assert "Olivia Outsider" in client.get("/en/members/requests/").content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/members/requests/{join_request.pk}/decide/", {"decision": "approved"}
        )
    assert response.status_code == 302
    assert Membership.objects.filter(person__user=outsider, organisation=organisation).exists()
    [message] = mail.outbox
    assert message.to == ["outsider@example.org"]
    assert "/members/chiang-rai/" in message.body
    assert "/members/chiang-rai/" in html_part(message)
    outsider.refresh_from_db()
    response = client_for(outsider).get("/en/members/chiang-rai/")
    assert response.context["network_role"] == "member"


def test_coordinator_declines_and_the_applicant_is_told(
    client_for, outsider, coordinator, organisation, django_capture_on_commit_callbacks
):
    ask(client_for(outsider), django_capture_on_commit_callbacks, organisation=organisation.pk)
    join_request = JoinRequest.objects.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(coordinator).post(
            f"/en/members/requests/{join_request.pk}/decide/", {"decision": "declined"}
        )
    join_request.refresh_from_db()
    assert join_request.status == "declined" and join_request.decided_by == coordinator
    assert not Membership.objects.filter(person__user=outsider).exists()
    [message] = mail.outbox
    assert message.to == ["outsider@example.org"]
    assert "ไม่ได้รับการอนุมัติ" in message.body
    assert "/members/" in html_part(message)


def test_proposal_of_a_new_organisation_goes_to_coordinators_only(
    client_for, outsider, editor, coordinator, django_capture_on_commit_callbacks
):
    ask(
        client_for(outsider),
        django_capture_on_commit_callbacks,
        proposed_name_th="เทศบาลเมืองน่าน",
        proposed_name_en="Nan Town Municipality",
        proposed_kind="municipality",
    )
    assert [m.to for m in mail.outbox] == [["coordinator@example.org"]]
    join_request = JoinRequest.objects.get()
    assert (
        client_for(editor)
        .post(f"/en/members/requests/{join_request.pk}/decide/", {"decision": "approved"})
        .status_code
        == 404
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(
            f"/en/members/requests/{join_request.pk}/decide/", {"decision": "approved"}
        )
    org = Organisation.objects.get(name_en="Nan Town Municipality")
    # Unlisted until it has a description and a location; the coordinator is led to add them.
    assert org.status == "applicant"
    assert response["Location"] == f"/en/members/{org.slug}/edit/"
    assert Membership.objects.get(organisation=org).role == Membership.Role.EDITOR


def test_proposing_a_name_already_in_the_network_links_to_it(
    client_for, outsider, organisation, django_capture_on_commit_callbacks
):
    response = ask(
        client_for(outsider),
        django_capture_on_commit_callbacks,
        proposed_name_th="เทศบาลนคร  เชียงราย",
        proposed_kind="municipality",
    )
    assert response.status_code == 200
    assert '<a href="/en/members/chiang-rai/">' in response.content.decode()
    assert not JoinRequest.objects.exists()


@pytest.mark.parametrize("persona", ["outsider", "member", "other_editor"])
def test_others_cannot_decide_a_request(
    request,
    client_for,
    outsider,
    organisation,
    other_organisation,
    persona,
    django_capture_on_commit_callbacks,
):
    ask(client_for(outsider), django_capture_on_commit_callbacks, organisation=organisation.pk)
    join_request = JoinRequest.objects.get()
    if persona == "other_editor":
        from tests.factories import MembershipFactory, PersonFactory

        user = UserFactory()
        MembershipFactory(
            person=PersonFactory(user=user),
            organisation=other_organisation,
            role=Membership.Role.EDITOR,
        )
    else:
        user = request.getfixturevalue(persona)
    client = client_for(user)
    response = client.post(
        f"/en/members/requests/{join_request.pk}/decide/", {"decision": "approved"}
    )
    assert response.status_code == 404
    join_request.refresh_from_db()
    assert join_request.status == "pending"
    listing = client.get("/en/members/requests/")
    assert listing.status_code in (200, 403)
    assert "Olivia Outsider" not in listing.content.decode()


def test_requests_page_query_count_is_flat(
    client_for, coordinator, organisation, django_assert_max_num_queries
):
    from tests.factories import PersonFactory

    for person in PersonFactory.create_batch(20):
        JoinRequest.objects.create(person=person, organisation=organisation)
    client = client_for(coordinator)
    with django_assert_max_num_queries(8):
        assert client.get("/en/members/requests/").status_code == 200


def test_admin_bulk_approves_requests(
    client_for, coordinator, organisation, django_capture_on_commit_callbacks
):
    from tests.factories import PersonFactory

    requests = [
        JoinRequest.objects.create(person=p, organisation=organisation)
        for p in PersonFactory.create_batch(2)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        client_for(coordinator).post(
            "/en/admin/members/joinrequest/",
            {
                "action": "approve_requests",
                "_selected_action": [r.pk for r in requests],
            },
        )
    assert Membership.objects.filter(organisation=organisation).count() == 2
    assert len(mail.outbox) == 2


def test_join_request_of_an_applicant_org_is_not_public(client, db):
    OrganisationFactory(slug="pending", status=Organisation.Status.APPLICANT)
    assert client.get("/en/members/pending/").status_code == 404
