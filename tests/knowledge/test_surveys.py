"""Surveys: a segment is asked, each person answers once, coordinators read counted results and
export them; an event's attendees are asked for feedback once."""

import csv
import datetime as dt
import io

import pytest
from django.db import IntegrityError
from django.utils import timezone
from openpyxl import load_workbook

from events.models import Event, Registration
from knowledge import surveys
from knowledge.models import Survey, SurveyOption, SurveyQuestion, SurveyResponse
from network.models import EmailPreferences, OutboxMessage
from network.tasks import deliver_outbox
from tests.events.factories import EventFactory
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db
Kind = SurveyQuestion.Kind


def make_survey(questions=None, **fields):
    defaults = {
        "title_th": "เมืองของท่านต้องการอะไรจากเครือข่าย",
        "title_en": "What does your city need from the network?",
        "intro_th": "ช่วยบอกเราก่อนการประชุมประจำปี",
        "intro_en": "Tell us before the annual meeting.",
        "slug": "needs-2026",
        "opens_at": timezone.now() - dt.timedelta(days=1),
    }
    survey = Survey.objects.create(**{**defaults, **fields})
    for position, (kind, text_en, options) in enumerate(
        questions
        if questions is not None
        else [
            (Kind.SINGLE, "Biggest risk", ["Flooding", "Heat", "Drought"]),
            (Kind.MULTIPLE, "Support wanted", ["Training", "Funding", "Data"]),
            (Kind.SCALE, "How useful is the network?", []),
            (Kind.TEXT, "Anything else?", []),
        ]
    ):
        question = SurveyQuestion.objects.create(
            survey=survey,
            position=position,
            kind=kind,
            text_th=f"คำถาม {position + 1}",
            text_en=text_en,
            required=kind != Kind.TEXT,
        )
        for n, label in enumerate(options):
            SurveyOption.objects.create(
                question=question, position=n, label_th=f"ตัวเลือก {label}", label_en=label
            )
    return survey


def form_data(survey, single="Heat", multiple=("Training", "Data"), scale=4, text="More maps"):
    data = {}
    for question in survey.questions.prefetch_related("options"):
        by_label = {option.label_en: str(option.pk) for option in question.options.all()}
        key = f"q{question.pk}"
        if question.kind == Kind.SINGLE and single:
            data[key] = by_label[single]
        elif question.kind == Kind.MULTIPLE and multiple:
            data[key] = [by_label[label] for label in multiple]
        elif question.kind == Kind.SCALE and scale:
            data[key] = str(scale)
        elif question.kind == Kind.TEXT:
            data[key] = text
    return data


def url(survey, name="answer"):
    return f"/en/surveys/{survey.slug}/" + ("" if name == "answer" else f"{name}/")


def north_member(email, organisation):
    user = UserFactory(email=email)
    MembershipFactory(
        person=PersonFactory(user=user, name_en=email.split("@")[0]), organisation=organisation
    )
    return user


# --- answering once --------------------------------------------------------------------------------


def test_a_member_answers_once_sees_thanks_and_a_second_submit_is_refused(member, client_for):
    survey = make_survey()
    client = client_for(member)
    page = client.get(url(survey))
    assert page.status_code == 200
    assert "What does your city need from the network?" in page.content.decode()
    response = client.post(url(survey), form_data(survey))
    assert response.status_code == 302 and response["Location"] == url(survey, "thanks")
    thanks = client.get(url(survey, "thanks"))
    assert "Thank you for your answers" in thanks.content.decode()

    again = client.post(url(survey), form_data(survey, single="Flooding"))
    assert again.status_code == 409
    assert "Your answers were not sent again." in again.content.decode()
    assert "Each person answers once." in again.content.decode()
    assert SurveyResponse.objects.filter(survey=survey, user=member).count() == 1
    assert "Flooding" not in {
        a.option.label_en for a in survey.responses.get().answers.all() if a.option
    }
    # Opening the survey again says so instead of showing the form.
    assert "Each person answers once." in client.get(url(survey)).content.decode()


def test_the_database_keeps_one_response_per_person(member):
    survey = make_survey()
    SurveyResponse.objects.create(survey=survey, user=member)
    with pytest.raises(IntegrityError):
        SurveyResponse.objects.create(survey=survey, user=member)


def test_the_service_refuses_a_second_answer_even_when_the_view_raced(member):
    survey = make_survey()
    questions = list(survey.questions.prefetch_related("options"))
    SurveyResponse.objects.create(survey=survey, user=member)  # the other tab won
    with pytest.raises(surveys.AlreadyAnswered):
        surveys.answer(survey=survey, user=member, questions=questions, cleaned={})
    assert SurveyResponse.objects.count() == 1


def test_a_form_with_errors_is_shown_again_with_the_text_kept(member, client_for):
    survey = make_survey()
    data = form_data(survey, scale=None, text="แผนที่น้ำท่วมของเมือง")
    response = client_for(member).post(url(survey), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Some answers are missing or not valid" in html
    assert "แผนที่น้ำท่วมของเมือง" in html
    assert not SurveyResponse.objects.exists()


def test_an_option_of_another_question_is_refused(member, client_for):
    survey = make_survey()
    data = form_data(survey)
    single, multiple = list(survey.questions.all())[:2]
    data[f"q{single.pk}"] = str(multiple.options.first().pk)
    response = client_for(member).post(url(survey), data)
    assert response.status_code == 200 and not SurveyResponse.objects.exists()


def test_a_closed_survey_takes_no_answers(member, client_for):
    survey = make_survey(closes_at=timezone.now() - dt.timedelta(hours=1))
    client = client_for(member)
    assert "takes no more answers" in client.get(url(survey)).content.decode()
    assert client.post(url(survey), form_data(survey)).status_code == 403
    assert not SurveyResponse.objects.exists()


def test_a_survey_not_open_yet_does_not_exist_for_members(member, coordinator, client_for):
    survey = make_survey(opens_at=timezone.now() + dt.timedelta(days=2))
    assert client_for(member).get(url(survey)).status_code == 404
    assert client_for(coordinator).get(url(survey)).status_code == 200


# --- who is asked ---------------------------------------------------------------------------------


def test_anonymous_visitors_are_asked_to_sign_in(client_for):
    survey = make_survey()
    for name in ("answer", "thanks", "results"):
        response = client_for(None).get(url(survey, name))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client_for(None).post(url(survey), form_data(survey)).status_code == 302
    assert not SurveyResponse.objects.exists()


def test_people_outside_the_segment_are_refused_with_the_reason(
    member, outsider, other_organisation, client_for
):
    survey = make_survey(segment="region", region="north")
    south = north_member("south@example.org", other_organisation)  # Hat Yai is in the south
    for user in (outsider, south):
        response = client_for(user).get(url(survey))
        assert response.status_code == 403
        html = response.content.decode()
        assert "This survey is for another group of members" in html
        assert "Members in a region: North" in html
        assert client_for(user).post(url(survey), form_data(survey)).status_code == 403
    assert not SurveyResponse.objects.exists()
    assert client_for(member).post(url(survey), form_data(survey)).status_code == 302
    assert SurveyResponse.objects.get().user == member


def test_an_organisation_kind_segment(member, client_for):
    survey = make_survey(segment="organisation_kind", organisation_kind="academic")
    assert client_for(member).get(url(survey)).status_code == 403  # a municipality's member
    university = OrganisationFactory(kind="academic", slug="cmu")
    lecturer = north_member("lecturer@example.org", university)
    assert client_for(lecturer).get(url(survey)).status_code == 200


def test_an_event_attendees_segment_leaves_out_cancelled_and_waiting(member, editor, client_for):
    event = EventFactory()
    Registration.objects.create(event=event, person=member.person, status="attended")
    Registration.objects.create(event=event, person=editor.person, status="cancelled")
    survey = make_survey(segment="event_attendees", event=event)
    assert client_for(member).get(url(survey)).status_code == 200
    assert client_for(editor).get(url(survey)).status_code == 403


def test_a_coordinator_outside_the_segment_sees_a_preview_but_cannot_answer(
    coordinator, client_for
):
    survey = make_survey(segment="region", region="south")
    client = client_for(coordinator)
    assert "Preview: this survey is for" in client.get(url(survey)).content.decode()
    assert client.post(url(survey), form_data(survey)).status_code == 403
    assert not SurveyResponse.objects.exists()


# --- results --------------------------------------------------------------------------------------


@pytest.fixture
def answered(organisation):
    """Three members answered: Heat, Heat, Flooding; scale 4, 5, 2; two texts."""
    survey = make_survey(anonymous=False)
    people = [north_member(f"p{n}@example.org", organisation) for n in range(3)]
    questions = list(survey.questions.prefetch_related("options"))
    form_kwargs = [
        {"single": "Heat", "multiple": ("Training", "Data"), "scale": 4, "text": "More maps"},
        {"single": "Heat", "multiple": ("Data",), "scale": 5, "text": '=HYPERLINK("x")'},
        {"single": "Flooding", "multiple": ("Funding",), "scale": 2, "text": ""},
    ]
    from knowledge.survey_forms import SurveyAnswerForm

    for user, kwargs in zip(people, form_kwargs, strict=True):
        form = SurveyAnswerForm(form_data(survey, **kwargs), questions=questions)
        assert form.is_valid(), form.errors
        surveys.answer(survey=survey, user=user, questions=questions, cleaned=form.cleaned_data)
    return survey


def test_results_are_counted_right(answered, member, editor):
    found = surveys.results(answered)
    single, multiple, scale, text = found["questions"]
    assert [(label, n) for label, n, _pct in single.rows] == [
        ("Flooding", 1),
        ("Heat", 2),
        ("Drought", 0),
    ]
    assert [(label, n) for label, n, _pct in multiple.rows] == [
        ("Training", 1),
        ("Funding", 1),
        ("Data", 2),
    ]
    assert multiple.answered == 3
    assert [n for _label, n, _pct in scale.rows] == [0, 1, 0, 1, 1]
    assert scale.average == pytest.approx(3.67)
    assert [t for t, _name in text.texts] == ["More maps", '=HYPERLINK("x")']
    assert text.texts[0][1] == "p0"  # not anonymous: the name is shown
    # The segment is everyone with an account: three respondents plus member and editor.
    assert (found["responses"], found["audience"], found["rate"]) == (3, 5, 60)


def test_anonymous_results_show_no_names(answered):
    answered.anonymous = True
    answered.save()
    text = surveys.results(answered)["questions"][3]
    assert [name for _t, name in text.texts] == ["", ""]
    header = next(surveys.export_rows(answered))
    assert "Person" not in header and "E-mail" not in header


def test_the_results_page_shows_bars_counts_and_average(
    answered, coordinator, client_for, django_assert_max_num_queries
):
    client = client_for(coordinator)
    with django_assert_max_num_queries(12):
        response = client.get(url(answered, "results"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<progress class="survey-bar" max="100" value="67">' in html  # Heat: 2 of 3
    assert "average 3.67 of 5" in html
    assert "More maps" in html and "response rate 75%" in html  # 3 of 4 accounts
    assert "results.csv" in html and "results.xlsx" in html


def test_the_results_page_costs_the_same_for_many_answers(
    organisation, coordinator, client_for, django_assert_num_queries
):
    survey = make_survey()
    questions = list(survey.questions.prefetch_related("options"))
    from knowledge.survey_forms import SurveyAnswerForm

    def answer_as(n):
        user = north_member(f"r{n}@example.org", organisation)
        form = SurveyAnswerForm(form_data(survey, text=f"idea {n}"), questions=questions)
        assert form.is_valid()
        surveys.answer(survey=survey, user=user, questions=questions, cleaned=form.cleaned_data)

    client = client_for(coordinator)
    answer_as(0)
    client.get(url(survey, "results"))  # warm the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url(survey, "results"))
    for n in range(1, 25):
        answer_as(n)
    with django_assert_num_queries(len(few.captured_queries)):
        html = client.get(url(survey, "results")).content.decode()
    assert "idea 24" in html
    assert len(few.captured_queries) <= 12


@pytest.mark.parametrize("persona", ["outsider", "member", "editor"])
def test_only_coordinators_read_results_and_exports(answered, persona, request, client_for):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(url(answered, "results")).status_code == 403
    assert client.get(f"/en/surveys/{answered.slug}/results.csv").status_code == 403
    assert client.get(f"/en/surveys/{answered.slug}/results.xlsx").status_code == 403


def test_respondents_see_results_when_the_survey_shares_them(answered, client_for):
    respondent = answered.responses.first().user
    assert client_for(respondent).get(url(answered, "results")).status_code == 403
    answered.results_for_respondents = True
    answered.save()
    page = client_for(respondent).get(url(answered, "results"))
    assert page.status_code == 200 and "results.csv" not in page.content.decode()
    assert client_for(respondent).get(f"/en/surveys/{answered.slug}/results.csv").status_code == 403


def test_exports_parse_with_one_row_per_person_and_escaped_formulas(
    answered, coordinator, client_for
):
    client = client_for(coordinator)
    response = client.get(f"/en/surveys/{answered.slug}/results.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Answered at", "Person", "E-mail"]
    assert rows[0][3:] == [
        "Biggest risk",
        "Support wanted",
        "How useful is the network?",
        "Anything else?",
    ]
    assert len(rows) == 4
    assert rows[1][1:] == ["p0", "p0@example.org", "Heat", "Training; Data", "4", "More maps"]
    assert rows[2][-1] == '\'=HYPERLINK("x")'

    response = client.get(f"/en/surveys/{answered.slug}/results.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 4 and values[3][3] == "Flooding" and values[3][5] == 2
    assert client.get(f"/en/surveys/{answered.slug}/results.pdf").status_code == 404


# --- query budget of the answer page ---------------------------------------------------------------


def test_the_answer_page_costs_the_same_for_few_or_many_questions(
    member, client_for, django_assert_max_num_queries
):
    few = make_survey()
    many = make_survey(
        [(Kind.SINGLE, f"Question {n}", ["Yes", "No", "Maybe"]) for n in range(20)]
        + [(Kind.SCALE, "Scale", []), (Kind.TEXT, "Text", [])],
        slug="many",
    )
    client = client_for(member)
    client.get(url(few))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(url(few))
    with CaptureQueriesContext(connection) as large:
        assert "Question 19" in client.get(url(many)).content.decode()
    assert len(small.captured_queries) == len(large.captured_queries) <= 12
    data = form_data(many, single="Yes")
    with django_assert_max_num_queries(12):
        assert client.post(url(many), data).status_code == 302


# --- invitations ----------------------------------------------------------------------------------


def test_invitations_go_to_the_segment_once_in_each_language_with_unsubscribe(
    member, editor, outsider, mailoutbox, django_capture_on_commit_callbacks
):
    editor.person.language = "en"
    editor.person.save()
    EmailPreferences.objects.create(user=outsider, announcements=False)
    survey = make_survey(closes_at=timezone.now() + dt.timedelta(days=10))
    assert surveys.recipient_count(survey) == 3
    with django_capture_on_commit_callbacks(execute=True):
        assert surveys.invite(survey=survey) == 2  # the outsider switched announcements off
        assert surveys.invite(survey=survey) == 0  # pressing "send" again reaches nobody twice
    deliver_outbox()
    by_address = {m.to[0]: m for m in mailoutbox}
    assert set(by_address) == {member.email, editor.email}
    thai, english = by_address[member.email], by_address[editor.email]
    assert thai.subject == "คำถามจากเครือข่าย: เมืองของท่านต้องการอะไรจากเครือข่าย"
    assert (
        english.subject
        == "A few questions from the network: What does your city need from the network?"
    )
    html_th, html_en = thai.alternatives[0][0], english.alternatives[0][0]
    assert "/surveys/needs-2026/" in thai.body and "/surveys/needs-2026/" in html_th
    assert "/en/surveys/needs-2026/" in english.body and "/en/surveys/needs-2026/" in html_en
    assert "ช่วยบอกเราก่อนการประชุมประจำปี" in thai.body and "ช่วยบอกเราก่อนการประชุมประจำปี" in html_th
    assert "Tell us before the annual meeting." in english.body
    assert "Answer the questions" in html_en and "ตอบแบบสอบถาม" in html_th
    assert "Open until" in english.body and " 25" in thai.body  # the Buddhist Era in Thai
    for message in (thai, english):
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert set(OutboxMessage.objects.values_list("kind", flat=True)) == {"announcement.survey"}
    survey.refresh_from_db()
    assert survey.invited_at and survey.invitations == 2


def test_a_survey_with_a_choice_question_without_options_is_not_sent(member):
    survey = make_survey([(Kind.SINGLE, "Pick one", ["Only"])])
    with pytest.raises(surveys.SurveyError):
        surveys.invite(survey=survey)
    assert not OutboxMessage.objects.exists()


# --- feedback after an event ----------------------------------------------------------------------


def test_attendees_get_the_feedback_survey_once_and_no_one_else(
    organisation, mailoutbox, django_capture_on_commit_callbacks, client_for
):
    now = timezone.now()
    event = EventFactory(
        title_th="เวทีแลกเปลี่ยนเรื่องน้ำท่วม",
        title_en="Flood exchange forum",
        start=now - dt.timedelta(days=1, hours=8),
        end=now - dt.timedelta(days=1),
        status=Event.Status.COMPLETED,
    )
    people = {}
    for status in ("attended", "confirmed", "cancelled", "waiting", "no_show", "pending"):
        user = north_member(f"{status}@example.org", organisation)
        Registration.objects.create(event=event, person=user.person, status=status)
        people[status] = user
    people["confirmed"].person.language = "en"
    people["confirmed"].person.save()
    guest = PersonFactory(user=None, email="guest@example.org")
    Registration.objects.create(event=event, person=guest, status="attended")
    long_ago = EventFactory(
        start=now - dt.timedelta(days=60), end=now - dt.timedelta(days=59), status="completed"
    )
    Registration.objects.create(event=long_ago, person=people["attended"].person, status="attended")

    with django_capture_on_commit_callbacks(execute=True):
        outcome = surveys.send_event_feedback()
        again = surveys.send_event_feedback()
    assert (outcome.events, outcome.sent) == (1, 2)
    assert again.sent == 0
    deliver_outbox()
    assert sorted(m.to[0] for m in mailoutbox) == ["attended@example.org", "confirmed@example.org"]
    survey = Survey.objects.get()
    assert survey.feedback_for == event and survey.segment == "event_attendees"
    assert survey.questions.count() == len(surveys.FEEDBACK_QUESTIONS)
    assert set(OutboxMessage.objects.values_list("kind", flat=True)) == {"reminder.event_feedback"}

    by_address = {m.to[0]: m for m in mailoutbox}
    thai, english = by_address["attended@example.org"], by_address["confirmed@example.org"]
    assert thai.subject == "กิจกรรม “เวทีแลกเปลี่ยนเรื่องน้ำท่วม” เป็นอย่างไรบ้าง ขอถามสั้น ๆ"
    assert english.subject == "How was “Flood exchange forum”? A few questions"
    assert "Thank you for taking part in “Flood exchange forum”" in english.body
    assert "Thank you for taking part in “Flood exchange forum”" in english.alternatives[0][0]
    assert "ขอบคุณที่ร่วม “เวทีแลกเปลี่ยนเรื่องน้ำท่วม”" in thai.body
    assert "ขอบคุณที่ร่วม “เวทีแลกเปลี่ยนเรื่องน้ำท่วม”" in thai.alternatives[0][0]
    assert f"/en/surveys/{survey.slug}/" in english.body

    # The attendee answers; the one who cancelled is refused.
    assert client_for(people["attended"]).get(f"/surveys/{survey.slug}/").status_code == 200
    assert client_for(people["cancelled"]).get(f"/surveys/{survey.slug}/").status_code == 403


def test_the_beat_task_runs_the_feedback(organisation, django_capture_on_commit_callbacks):
    from knowledge.tasks import send_event_feedback

    now = timezone.now()
    event = EventFactory(start=now - dt.timedelta(hours=5), end=now - dt.timedelta(hours=1))
    user = north_member("p@example.org", organisation)
    Registration.objects.create(event=event, person=user.person, status="attended")
    with django_capture_on_commit_callbacks(execute=True):
        assert send_event_feedback.delay().get() == "event feedback: 1 invitations for 1 events"
    assert OutboxMessage.objects.get().recipient == "p@example.org"


# --- the admin ------------------------------------------------------------------------------------

ADMIN = "/en/admin/knowledge/survey/"


def test_the_admin_previews_both_languages_counts_and_sends(
    coordinator, member, client_for, mailoutbox, django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):  # fmt: skip
    survey = make_survey()
    client = client_for(coordinator)
    with django_assert_max_num_queries(12):
        html = client.get(f"{ADMIN}{survey.pk}/change/").content.decode()
    assert "This e-mail will go to 2 people." in html
    assert "คำถามจากเครือข่าย" in html and "A few questions from the network" in html
    assert "Send the invitation now" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{ADMIN}{survey.pk}/send/")
    assert response.status_code == 302
    deliver_outbox()
    assert sorted(m.to[0] for m in mailoutbox) == [coordinator.email, member.email]


def test_the_admin_refuses_to_send_a_survey_that_is_not_ready(coordinator, client_for):
    survey = make_survey([(Kind.MULTIPLE, "Pick", [])])
    client = client_for(coordinator)
    assert "Not ready to send" in client.get(f"{ADMIN}{survey.pk}/change/").content.decode()
    response = client.post(f"{ADMIN}{survey.pk}/send/", follow=True)
    assert "needs at least two options" in response.content.decode()
    assert not OutboxMessage.objects.exists()


def test_the_admin_builds_a_survey_with_questions_then_options(coordinator, client_for):
    client = client_for(coordinator)
    now = timezone.localtime()
    response = client.post(
        f"{ADMIN}add/",
        {
            "title_th": "สำรวจความต้องการ",
            "title_en": "Needs",
            "intro_th": "",
            "intro_en": "",
            "slug": "needs",
            "segment": "all",
            "opens_at_0": now.strftime("%Y-%m-%d"),
            "opens_at_1": now.strftime("%H:%M"),
            "anonymous": "on",
            "questions-TOTAL_FORMS": "1",
            "questions-INITIAL_FORMS": "0",
            "questions-0-position": "1",
            "questions-0-kind": "single",
            "questions-0-required": "on",
            "questions-0-text_th": "ความเสี่ยงหลัก",
            "questions-0-text_en": "Main risk",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    question = SurveyQuestion.objects.get(survey__slug="needs")
    response = client.post(
        f"/en/admin/knowledge/surveyquestion/{question.pk}/change/",
        {
            "survey": question.survey_id,
            "position": "1",
            "kind": "single",
            "required": "on",
            "text_th": "ความเสี่ยงหลัก",
            "text_en": "Main risk",
            "options-TOTAL_FORMS": "2",
            "options-INITIAL_FORMS": "0",
            "options-0-position": "1",
            "options-0-label_th": "น้ำท่วม",
            "options-0-label_en": "Flooding",
            "options-1-position": "2",
            "options-1-label_th": "ความร้อน",
            "options-1-label_en": "Heat",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/knowledge/survey/{question.survey_id}/change/")
    assert surveys.problems(question.survey) == []


def test_a_segment_without_its_choice_is_refused_in_the_admin(coordinator, client_for):
    now = timezone.localtime()
    response = client_for(coordinator).post(
        f"{ADMIN}add/",
        {
            "title_th": "ทดสอบ",
            "slug": "test",
            "segment": "event_attendees",
            "opens_at_0": now.strftime("%Y-%m-%d"),
            "opens_at_1": now.strftime("%H:%M"),
            "questions-TOTAL_FORMS": "0",
            "questions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Choose who receives it for this segment." in response.content.decode()
    assert not Survey.objects.exists()


@pytest.mark.parametrize("persona", [None, "outsider", "member", "editor"])
def test_only_coordinators_build_and_send_surveys(persona, request, client_for):
    user = request.getfixturevalue(persona) if persona else None
    survey = make_survey()
    client = client_for(user)
    assert client.get(f"{ADMIN}{survey.pk}/change/").status_code == 302
    assert client.post(f"{ADMIN}{survey.pk}/send/").status_code == 302
    assert not OutboxMessage.objects.exists()


def test_answering_leaves_the_public_page_cache_alone(member, client):
    from network.lib import pagecache

    survey = make_survey()
    questions = list(survey.questions.prefetch_related("options"))
    client.get("/en/members/")
    surveys.answer(survey=survey, user=member, questions=questions, cleaned={})
    assert client.get("/en/members/")[pagecache.HEADER] == "hit"
    survey.title_en = "Renamed"
    survey.save()  # the survey itself is content, like any other row
    assert client.get("/en/members/")[pagecache.HEADER] == "miss"
