"""Join requests cannot flood the deciders' inboxes: a daily allowance per person, no second
proposal of an organisation that is already proposed, and nothing said about who proposed it."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from members import services
from members.models import JoinRequest, Organisation
from tests.factories import OrganisationFactory, PersonFactory, UserFactory

from .test_joining import ask

pytestmark = pytest.mark.django_db


def propose(client, capture, name_th, name_en="", **extra):
    return ask(
        client,
        capture,
        proposed_name_th=name_th,
        proposed_name_en=name_en,
        proposed_kind="ngo",
        **extra,
    )


# --- Duplicates of a pending proposal --------------------------------------------------------------


@pytest.fixture
def pending_proposal(db):
    proposer = PersonFactory(name_en="Preecha Proposer", name_th="ปรีชา ผู้เสนอ")
    return JoinRequest.objects.create(
        person=proposer,
        proposed_name_th="กลุ่มรักษ์คลองแม่ข่า",
        proposed_name_en="Mae Kha Canal Keepers",
        proposed_kind="community",
        message="Secret plans",
    )


@pytest.mark.parametrize(
    ("name_th", "name_en"),
    [
        ("กลุ่มรักษ์ คลองแม่ข่า", ""),  # spaces differ
        ("กลุ่มใหม่", "  mae kha  CANAL keepers "),  # case and spaces differ, English name
        ("Mae Kha Canal Keepers", ""),  # the English name given as the Thai one
    ],
)
def test_second_proposal_of_a_pending_organisation_is_refused_without_naming_the_proposer(
    client_for, outsider, coordinator, pending_proposal, django_capture_on_commit_callbacks,
    name_th, name_en,
):  # fmt: skip
    response = propose(client_for(outsider), django_capture_on_commit_callbacks, name_th, name_en)
    assert response.status_code == 200
    html = response.content.decode()
    assert "has already been proposed and is waiting for a coordinator" in html
    for secret in ("Preecha", "ปรีชา", "Secret plans", "Mae Kha Canal Keepers", "กลุ่มรักษ์คลองแม่ข่า"):
        if secret not in (name_th, name_en):
            assert secret not in html
    assert JoinRequest.objects.count() == 1
    assert mail.outbox == []


def test_proposal_can_be_made_again_once_the_first_was_declined(
    client_for, outsider, coordinator, pending_proposal, django_capture_on_commit_callbacks
):
    JoinRequest.objects.filter(pk=pending_proposal.pk).update(status="declined")
    response = propose(client_for(outsider), django_capture_on_commit_callbacks, "กลุ่มรักษ์คลองแม่ข่า")
    assert response.status_code == 302
    assert JoinRequest.objects.pending().count() == 1


def test_proposing_your_own_pending_organisation_again_says_it_is_waiting(
    client_for, outsider, coordinator, django_capture_on_commit_callbacks
):
    client = client_for(outsider)
    propose(client, django_capture_on_commit_callbacks, "ชุมชนคูเต่า")
    mail.outbox.clear()
    response = propose(client, django_capture_on_commit_callbacks, "ชุมชน คูเต่า")
    assert response.status_code == 302
    assert JoinRequest.objects.count() == 1 and mail.outbox == []
    page = client.get(response["Location"]).content.decode()
    assert "already waiting" in page


def test_service_refuses_a_duplicate_proposal_too(pending_proposal):
    with pytest.raises(services.AlreadyProposed):
        services.request_to_join(
            user=UserFactory(), proposed_name_th="MAE KHA canal keepers", proposed_kind="ngo"
        )


# --- The applicant organisation behind a duplicate name --------------------------------------------


def test_name_of_an_applicant_organisation_is_refused_without_its_page_or_other_name(
    client_for, outsider, django_capture_on_commit_callbacks
):
    OrganisationFactory(
        name_th="มูลนิธิเมืองยั่งยืน",
        name_en="Hidden Applicant Foundation",
        slug="hidden-applicant",
        status=Organisation.Status.APPLICANT,
    )
    response = propose(client_for(outsider), django_capture_on_commit_callbacks, "มูลนิธิเมือง ยั่งยืน")
    html = response.content.decode()
    assert response.status_code == 200
    assert "has already applied to join the network" in html
    assert "Hidden Applicant Foundation" not in html and "hidden-applicant" not in html
    assert not JoinRequest.objects.exists()


# --- Rate limits -----------------------------------------------------------------------------------


def test_proposals_are_limited_per_day_with_a_clear_message(
    client_for, outsider, coordinator, django_capture_on_commit_callbacks
):
    client = client_for(outsider)
    for n in range(services.PROPOSALS_PER_DAY):
        assert propose(client, django_capture_on_commit_callbacks, f"กลุ่มที่ {n}").status_code == 302
    sent = len(mail.outbox)
    response = propose(client, django_capture_on_commit_callbacks, "กลุ่มเกินโควตา")
    assert response.status_code == 429
    assert "You have proposed 2 new organisations in the last 24 hours" in response.content.decode()
    assert JoinRequest.objects.count() == services.PROPOSALS_PER_DAY
    assert len(mail.outbox) == sent


def test_all_join_requests_are_limited_per_day(
    client_for, outsider, django_capture_on_commit_callbacks
):
    client = client_for(outsider)
    organisations = OrganisationFactory.create_batch(services.JOIN_REQUESTS_PER_DAY + 1)
    for org in organisations[:-1]:
        ask(client, django_capture_on_commit_callbacks, organisation=org.pk)
    response = ask(client, django_capture_on_commit_callbacks, organisation=organisations[-1].pk)
    assert response.status_code == 429
    assert "You have sent 5 requests to join in the last 24 hours" in response.content.decode()
    assert JoinRequest.objects.count() == services.JOIN_REQUESTS_PER_DAY


def test_the_allowance_comes_back_after_a_day(
    client_for, outsider, coordinator, django_capture_on_commit_callbacks
):
    client = client_for(outsider)
    for n in range(services.PROPOSALS_PER_DAY):
        propose(client, django_capture_on_commit_callbacks, f"กลุ่มที่ {n}")
    JoinRequest.objects.update(created=timezone.now() - dt.timedelta(days=1, minutes=1))
    assert propose(client, django_capture_on_commit_callbacks, "กลุ่มใหม่").status_code == 302


def test_limits_are_per_person(
    client_for, outsider, coordinator, django_capture_on_commit_callbacks
):
    for n in range(services.PROPOSALS_PER_DAY):
        propose(client_for(outsider), django_capture_on_commit_callbacks, f"กลุ่มที่ {n}")
    other = UserFactory()
    PersonFactory(user=other)
    response = propose(client_for(other), django_capture_on_commit_callbacks, "กลุ่มของคนอื่น")
    assert response.status_code == 302


# --- Lengths -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["proposed_name_th", "proposed_name_en"])
def test_a_proposed_name_over_200_characters_is_a_clear_form_error(
    client_for, outsider, django_capture_on_commit_callbacks, field
):
    data = {"proposed_name_th": "ชุมชนทดสอบ", "proposed_kind": "ngo", field: "ก" * 201}
    response = ask(client_for(outsider), django_capture_on_commit_callbacks, **data)
    assert response.status_code == 200
    assert "Ensure this value has at most 200 characters" in response.content.decode()
    assert not JoinRequest.objects.exists()


def test_a_new_accounts_name_over_the_model_length_is_a_clear_form_error(
    client_for, django_capture_on_commit_callbacks
):
    user = UserFactory()
    data = {"organisation": OrganisationFactory().pk, "name_th": "ก" * 151, "position": "x" * 201}
    response = ask(client_for(user), django_capture_on_commit_callbacks, **data)
    html = response.content.decode()
    assert "at most 150 characters" in html and "at most 200 characters" in html
    assert not JoinRequest.objects.exists()


def test_the_limit_message_is_in_thai_on_the_thai_page(
    client_for, outsider, coordinator, django_capture_on_commit_callbacks
):
    client = client_for(outsider)
    for n in range(services.PROPOSALS_PER_DAY):
        propose(client, django_capture_on_commit_callbacks, f"กลุ่มที่ {n}")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/members/join/", {"proposed_name_th": "กลุ่มเกิน", "proposed_kind": "ngo"}
        )
    assert response.status_code == 429
    assert "คุณเสนอองค์กรใหม่ไปแล้ว 2 แห่งในรอบ 24 ชั่วโมงที่ผ่านมา" in response.content.decode()
