"""A survey of what members need (the handbook: ask each member and group what they need before
deciding on activities), and the feedback survey of the last exchange meeting, with answers."""

import datetime as dt

from django.utils import timezone

from events.models import Event
from knowledge import segments, surveys
from knowledge.models import Survey, SurveyOption, SurveyQuestion, SurveyResponse
from knowledge.survey_forms import SurveyAnswerForm
from members.models import User

Kind = SurveyQuestion.Kind

NEEDS = {
    "slug": "activities-your-group-needs",
    "title_th": "กิจกรรมแบบไหนที่กลุ่มของท่านต้องการในปีหน้า",
    "title_en": "Which activities does your group need next year?",
    "intro_th": "เครือข่ายจะยั่งยืนเมื่อกิจกรรมตอบความสนใจของสมาชิกแต่ละกลุ่ม "
    "ก่อนวางแผนปีหน้า ผู้ประสานงานขอฟังความต้องการของทุกเมืองและทุกองค์กร",
    "intro_en": "A network lasts when its activities meet what each group of members cares about. "
    "Before planning next year, the coordinators ask every city and organisation.",
}
QUESTIONS = [
    (Kind.MULTIPLE, "กิจกรรมที่อยากให้จัด", "Activities you would like", [
        ("ศึกษาดูงานในเมืองสมาชิก", "Study visits to member cities"),
        ("อบรมเชิงปฏิบัติการ", "Training and workshops"),
        ("เวทีแลกเปลี่ยน", "Exchange meetings"),
        ("วางแผนงานร่วมกัน", "Joint planning"),
        ("กิจกรรมไม่เป็นทางการ เช่น งานประเพณีท้องถิ่น", "Informal gatherings such as local festivals"),
    ]),
    (Kind.SINGLE, "ความเสี่ยงที่เร่งด่วนที่สุดของเมือง", "Your city's most urgent risk", [
        ("น้ำท่วม", "Flooding"),
        ("คลื่นความร้อน", "Heat"),
        ("ภัยแล้ง", "Drought"),
        ("การกัดเซาะชายฝั่ง", "Coastal erosion"),
    ]),
    (Kind.SCALE, "กิจกรรมของเครือข่ายตอบความต้องการขององค์กรท่านได้ดีเพียงใด",
     "How well do the network's activities meet your organisation's needs?", []),
    (Kind.TEXT, "เครือข่ายควรทำอะไรให้กลุ่มของท่าน", "What should the network do for your group?", []),
]  # fmt: skip
ANSWERS = [
    (["Study visits to member cities", "Joint planning"], "Flooding", 4, "ศึกษาดูงานระบบเตือนภัยน้ำท่วมของหาดใหญ่"),
    (["Training and workshops"], "Flooding", 3, "อบรมการทำแผนที่เสี่ยงภัยระดับชุมชน"),
    (["Exchange meetings", "Study visits to member cities"], "Heat", 4, ""),
    (["Training and workshops", "Joint planning"], "Coastal erosion", 2, "ข้อมูลการกัดเซาะชายฝั่งที่ใช้ร่วมกันได้"),
    (["Informal gatherings such as local festivals", "Exchange meetings"], "Drought", 5, ""),
]  # fmt: skip
FEEDBACK_ANSWERS = [
    {"scales": (5, 4), "useful": ["Exchange with members from other cities"], "recommend": "Yes",
     "text": "อยากให้มีเวลาลงพื้นที่มากขึ้น"},
    {"scales": (4, 4), "useful": ["Talks and presentations", "Site visits"], "recommend": "Yes",
     "text": ""},
    {"scales": (3, 2), "useful": ["Documents and materials"], "recommend": "Not sure",
     "text": "ควรส่งเอกสารล่วงหน้า"},
]  # fmt: skip


def _answer(survey, user, by_label):
    questions = list(survey.questions.prefetch_related("options"))
    options = {o.label_en: str(o.pk) for q in questions for o in q.options.all()}
    data = {}
    for question, given in zip(questions, by_label, strict=True):
        if isinstance(given, list):
            data[f"q{question.pk}"] = [options[label] for label in given]
        elif question.has_options:
            data[f"q{question.pk}"] = options[given]
        elif given not in (None, ""):
            data[f"q{question.pk}"] = str(given)
    from django.http import QueryDict

    post = QueryDict(mutable=True)
    for key, value in data.items():
        post.setlist(key, value if isinstance(value, list) else [value])
    form = SurveyAnswerForm(post, questions=questions)
    if not form.is_valid():
        raise ValueError(form.errors)
    surveys.answer(survey=survey, user=user, questions=questions, cleaned=form.cleaned_data)


def load() -> str:
    now = timezone.now()
    needs, _created = Survey.objects.update_or_create(
        slug=NEEDS["slug"],
        defaults={
            **NEEDS,
            "segment": "all",
            "opens_at": now - dt.timedelta(days=5),
            "closes_at": now + dt.timedelta(days=25),
            "anonymous": False,
        },
    )
    for position, (kind, text_th, text_en, options) in enumerate(QUESTIONS):
        question, _ = SurveyQuestion.objects.update_or_create(
            survey=needs,
            position=position,
            defaults={
                "kind": kind,
                "text_th": text_th,
                "text_en": text_en,
                "required": kind != Kind.TEXT,
            },
        )
        for n, (label_th, label_en) in enumerate(options):
            SurveyOption.objects.update_or_create(
                question=question, position=n, defaults={"label_th": label_th, "label_en": label_en}
            )
    editors = list(User.objects.filter(email__startswith="editor.").order_by("email"))
    answered = set(SurveyResponse.objects.filter(survey=needs).values_list("user_id", flat=True))
    for user, (activities, risk, scale, text) in zip(editors, ANSWERS, strict=False):
        if user.pk not in answered:
            _answer(needs, user, [activities, risk, scale, text])

    meeting = Event.objects.filter(slug="exchange-meeting-3").first()
    feedback = 0
    if meeting is not None:
        survey = surveys.feedback_survey_for(meeting, now=now - dt.timedelta(days=2))
        # From the registrations: the demo's accounts are verified only at the end of load_demo.
        attendees = list(
            User.objects.filter(
                person__registrations__event=meeting,
                person__registrations__status__in=segments.ATTENDED,
            )
            .distinct()
            .order_by("email")
        )
        answered = set(
            SurveyResponse.objects.filter(survey=survey).values_list("user_id", flat=True)
        )
        for user, given in zip(attendees, FEEDBACK_ANSWERS, strict=False):
            if user.pk not in answered:
                _answer(
                    survey,
                    user,
                    [*given["scales"], given["useful"], given["recommend"], given["text"]],
                )
        feedback = survey.responses.count()
    return f"needs survey with {needs.responses.count()} answers; exchange-meeting feedback with {feedback}"
