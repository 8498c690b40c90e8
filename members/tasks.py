from celery import shared_task

from . import emails
from .models import JoinRequest, User


@shared_task
def notify_join_request(join_request_pk: int) -> int:
    """Fan out one e-mail task per editor and coordinator, so a retry never repeats a send."""
    join_request = JoinRequest.objects.filter(
        pk=join_request_pk, status=JoinRequest.Status.PENDING
    ).first()
    if join_request is None:
        return 0
    recipients = list(emails.join_request_deciders(join_request).values_list("pk", flat=True))
    for user_pk in recipients:
        send_join_request_notice.delay(join_request_pk, user_pk)
    return len(recipients)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_join_request_notice(join_request_pk: int, user_pk: int) -> bool:
    join_request = (
        JoinRequest.objects.select_related("person__user", "organisation", "proposed_province")
        .filter(pk=join_request_pk, status=JoinRequest.Status.PENDING)
        .first()
    )
    user = User.objects.select_related("person").filter(pk=user_pk, is_active=True).first()
    if join_request is None or user is None:
        return False
    emails.send_join_request_notice(join_request, user)
    return True


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_join_decision(join_request_pk: int) -> bool:
    """Tell the applicant whether the request was approved or declined."""
    join_request = (
        JoinRequest.objects.select_related("person__user", "organisation")
        .exclude(status=JoinRequest.Status.PENDING)
        .filter(pk=join_request_pk)
        .first()
    )
    if join_request is None:
        return False
    return emails.send_join_decision(join_request)
