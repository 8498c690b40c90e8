"""Surveys: asking members what they need, and asking an event's attendees how it went.

Writes (answering, inviting, the standard feedback survey) and the coordinators' results. Every
invitation goes through the outbox keyed by (recipient, kind, survey), so each person is invited
once however often a coordinator presses "send" or the beat runs.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from events.models import Event
from network.lib import emails
from network.lib.thai import slug_text

from . import segments
from .models import Survey, SurveyAnswer, SurveyOption, SurveyQuestion, SurveyResponse

TEMPLATE = "knowledge/emails/survey_invitation"
# Invitations are announcements from the coordinators (the same preference switch); feedback
# requests are reminders about an event the person took part in.
KIND_INVITATION = "announcement.survey"
KIND_FEEDBACK = "reminder.event_feedback"
# The beat only looks this far back, so its first run does not ask about ancient events.
FEEDBACK_LOOK_BACK = dt.timedelta(days=14)
FEEDBACK_OPEN_FOR = dt.timedelta(days=30)


class SurveyError(Exception):
    pass


class AlreadyAnswered(SurveyError):
    pass


class SurveyClosed(SurveyError):
    pass


# --- building -------------------------------------------------------------------------------------


def problems(survey: Survey, questions=None) -> list[str]:
    """What stops a survey from being sent (no questions, a choice question without options)."""
    questions = (
        list(survey.questions.prefetch_related("options")) if questions is None else questions
    )
    found = []
    if not questions:
        found.append(_("Add at least one question."))
    for question in questions:
        count = len(question.options.all())
        if question.has_options and count < 2:
            found.append(
                _("Question “%(question)s” needs at least two options.") % {"question": question}
            )
        if not question.has_options and count:
            found.append(
                _("Question “%(question)s” takes no options: remove them.") % {"question": question}
            )
    return found


def unique_survey_slug(*titles: str) -> str:
    base = slug_text(*titles)[:80].strip("-") or "survey"
    slug, n = base, 2
    while Survey.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


# --- answering ------------------------------------------------------------------------------------


def answer(*, survey: Survey, user, questions, cleaned: dict) -> SurveyResponse:
    """Record ``user``'s answers (``cleaned`` from ``SurveyAnswerForm``). Raises ``AlreadyAnswered``
    when the person answered before (the database's unique constraint decides, so two tabs
    submitting at once still record one response) and ``SurveyClosed`` after the survey closed."""
    if not survey.is_open():
        raise SurveyClosed
    try:
        # One transaction: a second response fails on the unique constraint and nothing is kept.
        with transaction.atomic():
            response = SurveyResponse.objects.create(survey=survey, user=user)
            SurveyAnswer.objects.bulk_create(_answers(response, questions, cleaned))
    except IntegrityError:
        raise AlreadyAnswered from None
    return response


def _answers(response, questions, cleaned) -> list[SurveyAnswer]:
    rows = []
    for question in questions:
        given = cleaned.get(f"q{question.pk}")
        if given in (None, "", []):
            continue
        if question.kind == SurveyQuestion.Kind.SINGLE:
            rows.append(SurveyAnswer(response=response, question=question, option=given))
        elif question.kind == SurveyQuestion.Kind.MULTIPLE:
            rows += [
                SurveyAnswer(response=response, question=question, option=option)
                for option in dict.fromkeys(given)  # a box sent twice counts once
            ]
        elif question.kind == SurveyQuestion.Kind.SCALE:
            rows.append(SurveyAnswer(response=response, question=question, value=int(given)))
        else:
            rows.append(SurveyAnswer(response=response, question=question, text=given))
    return rows


# --- inviting -------------------------------------------------------------------------------------


def recipients(survey: Survey):
    """Accounts in the survey's segment. People without an account are not invited: answering
    needs signing in, which keeps one answer per person."""
    users, _guests = segments.audience(survey, guests=False)
    return users


def recipient_count(survey: Survey) -> int:
    return recipients(survey).count()


def _url(language: str, name: str, **kwargs) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse(name, kwargs=kwargs or None)


def context_of(survey: Survey, language: str) -> dict:
    return {"survey": survey, "survey_url": _url(language, "surveys:answer", slug=survey.slug)}


def preview(survey: Survey) -> list[dict]:
    from network.lib import composer

    return [
        part
        for language, _label in settings.LANGUAGES
        for part in composer.preview(
            TEMPLATE, context=context_of(survey, language), languages=[language]
        )
    ]


def invite(*, survey: Survey, kind: str = KIND_INVITATION) -> int:
    """Record the invitation for every account in the segment that does not have it yet; return
    how many were recorded. Refuses (``SurveyError``) a survey that cannot be answered."""
    found = problems(survey)
    if found:
        raise SurveyError(" ".join(found))
    if survey.closes_at and survey.closes_at <= timezone.now():
        raise SurveyClosed
    queued = 0
    people = recipients(survey).select_related("person", "email_preferences").order_by("pk")
    with transaction.atomic():
        for user in people.iterator(chunk_size=500):
            language = getattr(user.person, "language", "") or settings.LANGUAGE_CODE
            with translation.override(language):
                row = emails.queue(
                    TEMPLATE,
                    kind=kind,
                    to=user,
                    about=survey,
                    bulk=True,
                    language=language,
                    context=context_of(survey, language),
                )
            queued += row is not None
        survey.invited_at = survey.invited_at or timezone.now()
        survey.invitations += queued
        survey.save(update_fields=["invited_at", "invitations"])
    return queued


# --- feedback after an event ----------------------------------------------------------------------

# kind, question (Thai, English), options [(Thai, English)]
FEEDBACK_QUESTIONS = [
    (
        SurveyQuestion.Kind.SCALE,
        (
            "โดยรวมแล้วท่านพอใจกับกิจกรรมนี้เพียงใด (1 น้อยที่สุด – 5 มากที่สุด)",
            "Overall, how satisfied were you with this event? (1 least – 5 most)",
        ),
        [],
    ),
    (
        SurveyQuestion.Kind.SCALE,
        ("สิ่งที่ได้เรียนรู้นำไปใช้ในงานของท่านได้มากเพียงใด", "How useful is what you learned for your work?"),
        [],
    ),
    (
        SurveyQuestion.Kind.MULTIPLE,
        ("ส่วนใดมีประโยชน์ที่สุด", "Which parts were most useful?"),
        [
            ("การบรรยายและการนำเสนอ", "Talks and presentations"),
            ("การแลกเปลี่ยนกับสมาชิกจากเมืองอื่น", "Exchange with members from other cities"),
            ("การลงพื้นที่ดูงาน", "Site visits"),
            ("เอกสารและสื่อประกอบ", "Documents and materials"),
        ],
    ),
    (
        SurveyQuestion.Kind.SINGLE,
        (
            "ท่านจะแนะนำกิจกรรมแบบนี้ให้เพื่อนร่วมงานหรือไม่",
            "Would you recommend an event like this to a colleague?",
        ),
        [("แนะนำ", "Yes"), ("ไม่แน่ใจ", "Not sure"), ("ไม่แนะนำ", "No")],
    ),
    (
        SurveyQuestion.Kind.TEXT,
        ("ครั้งหน้าควรปรับปรุงอะไร", "What should we do better next time?"),
        [],
    ),
]


def feedback_survey_for(event: Event, *, now=None) -> Survey:
    """The event's standard feedback survey, created with its questions the first time."""
    existing = Survey.objects.filter(feedback_for=event).first()
    if existing is not None:
        return existing
    now = now or timezone.now()
    survey = Survey(
        feedback_for=event,
        segment=segments.Segment.EVENT_ATTENDEES,
        event=event,
        title_th=f"แบบประเมินกิจกรรม: {event.title_th}"[:200],
        title_en=f"Feedback: {event.title_en or event.title_th}"[:200],
        intro_th="ขอบคุณที่ร่วมกิจกรรม โปรดสละเวลาสักครู่ตอบคำถามสั้น ๆ เพื่อให้เครือข่ายจัดกิจกรรมครั้งต่อไปได้ดียิ่งขึ้น",
        intro_en="Thank you for taking part. A few short questions help the network make the "
        "next event better.",
        slug=unique_survey_slug(f"feedback {event.slug}"),
        opens_at=now,
        closes_at=now + FEEDBACK_OPEN_FOR,
        anonymous=True,
    )
    try:
        with transaction.atomic():
            survey.save()
    except IntegrityError:  # a parallel run created it first
        return Survey.objects.get(feedback_for=event)
    for position, (kind, (text_th, text_en), options) in enumerate(FEEDBACK_QUESTIONS):
        question = SurveyQuestion.objects.create(
            survey=survey,
            position=position,
            kind=kind,
            text_th=text_th,
            text_en=text_en,
            required=kind == SurveyQuestion.Kind.SCALE,
        )
        SurveyOption.objects.bulk_create(
            SurveyOption(question=question, position=n, label_th=th, label_en=en)
            for n, (th, en) in enumerate(options)
        )
    return survey


@dataclass
class FeedbackOutcome:
    events: int = 0
    sent: int = 0

    def __str__(self):
        return f"event feedback: {self.sent} invitations for {self.events} events"


def send_event_feedback(*, at: dt.datetime | None = None) -> FeedbackOutcome:
    """For every event that ended lately and had attendees with an account: make its feedback
    survey (once) and invite each attendee (once; the outbox's key makes a second run send
    nothing). Cancelled registrations, the waiting list and no-shows are not asked."""
    at = at or timezone.now()
    outcome = FeedbackOutcome()
    ended = (
        Event.objects.filter(
            status__in=[Event.Status.PUBLISHED, Event.Status.COMPLETED],
            end__lt=at,
            end__gt=at - FEEDBACK_LOOK_BACK,
            registrations__status__in=segments.ATTENDED,
            registrations__person__user__isnull=False,
        )
        .distinct()
        .order_by("end", "pk")
    )
    for event in ended:
        with transaction.atomic():
            survey = feedback_survey_for(event, now=at)
            if survey.closes_at and survey.closes_at <= timezone.now():
                continue
            outcome.events += 1
            outcome.sent += invite(survey=survey, kind=KIND_FEEDBACK)
    return outcome


# --- results --------------------------------------------------------------------------------------


@dataclass
class QuestionResult:
    question: SurveyQuestion
    answered: int = 0
    rows: list = None  # [(label, count, percent)] for options and scale values
    average: float | None = None
    texts: list = None  # [(text, name or "")]


def results(survey: Survey) -> dict:
    """Counts per option and scale value, averages, short texts, response rate: a constant
    number of queries whatever the number of answers."""
    questions = list(survey.questions.prefetch_related("options"))
    responses = survey.responses.count()
    audience = recipient_count(survey)
    by_option = dict(
        SurveyAnswer.objects.filter(question__survey=survey, option__isnull=False)
        .values_list("option")
        .annotate(n=Count("id"))
    )
    answered = dict(
        SurveyAnswer.objects.filter(response__survey=survey)
        .values_list("question")
        .annotate(n=Count("response", distinct=True))
    )
    scale = defaultdict(dict)
    for question_id, value, n in (
        SurveyAnswer.objects.filter(question__survey=survey, value__isnull=False)
        .values_list("question", "value")
        .annotate(n=Count("id"))
    ):
        scale[question_id][value] = n
    averages = dict(
        SurveyAnswer.objects.filter(question__survey=survey, value__isnull=False)
        .values_list("question")
        .annotate(a=Avg("value"))
    )
    texts = defaultdict(list)
    written = (
        SurveyAnswer.objects.filter(question__survey=survey, question__kind="text")
        .exclude(text="")
        .order_by("pk")
    )
    if not survey.anonymous:
        written = written.select_related("response__user__person")
    for item in written:
        name = "" if survey.anonymous else _respondent_name(item.response.user)
        texts[item.question_id].append((item.text, name))

    shown = []
    for question in questions:
        result = QuestionResult(question=question, answered=answered.get(question.pk, 0))
        base = result.answered or 1
        if question.has_options:
            result.rows = [
                (
                    option.label,
                    by_option.get(option.pk, 0),
                    round(100 * by_option.get(option.pk, 0) / base),
                )
                for option in question.options.all()
            ]
        elif question.kind == SurveyQuestion.Kind.SCALE:
            counts = scale.get(question.pk, {})
            result.rows = [
                (str(value), counts.get(value, 0), round(100 * counts.get(value, 0) / base))
                for value in range(1, 6)
            ]
            average = averages.get(question.pk)
            result.average = round(float(average), 2) if average is not None else None
        else:
            result.texts = texts.get(question.pk, [])
        shown.append(result)
    return {
        "questions": shown,
        "responses": responses,
        "audience": audience,
        "rate": round(100 * responses / audience) if audience else None,
    }


def _respondent_name(user) -> str:
    person = getattr(user, "person", None)
    return (person.name if person is not None else "") or user.email


def export_rows(survey: Survey):
    """One row per response, one column per question (several choices joined by "; ")."""
    questions = list(survey.questions.all())
    header = [_("Answered at")]
    if not survey.anonymous:
        header += [_("Person"), _("E-mail")]
    yield header + [question.text for question in questions]
    responses = survey.responses.prefetch_related("answers__option").order_by("created", "pk")
    if not survey.anonymous:
        responses = responses.select_related("user__person")
    for response in responses:
        given = defaultdict(list)
        for item in response.answers.all():
            if item.option_id:
                given[item.question_id].append(item.option.label)
            elif item.value is not None:
                given[item.question_id].append(item.value)
            else:
                given[item.question_id].append(item.text)
        row = [timezone.localtime(response.created).strftime("%Y-%m-%d %H:%M")]
        if not survey.anonymous:
            row += [_respondent_name(response.user), response.user.email]
        for question in questions:
            values = given.get(question.pk, [])
            if len(values) == 1:
                row.append(values[0])
            else:
                row.append("; ".join(str(v) for v in values))
        yield row
