"""The library's background work: surveys' invitations and the feedback asked after events."""

from celery import shared_task


@shared_task(ignore_result=True)
def send_survey_invitations(survey_pk: int) -> int:
    """Invite a survey's segment (a coordinator pressed "send" in the admin)."""
    from .models import Survey
    from .surveys import SurveyError, invite

    survey = Survey.objects.filter(pk=survey_pk).first()
    if survey is None:
        return 0
    try:
        return invite(survey=survey)
    except SurveyError:  # changed since the coordinator pressed "send"; the admin says why
        return 0


@shared_task(ignore_result=True)
def send_event_feedback() -> str:
    """On the beat: ask the attendees of every event that ended lately, once."""
    from .surveys import send_event_feedback as run

    return str(run())
