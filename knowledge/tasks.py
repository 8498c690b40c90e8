from celery import shared_task

from . import emails
from .models import Flag, Resource


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_review_requested(resource_pk: int) -> int:
    """Tell the coordinators that a resource waits for their review."""
    resource = (
        Resource.objects.select_related("created_by__person")
        .filter(pk=resource_pk, status=Resource.Status.IN_REVIEW)
        .first()
    )
    if resource is None:
        return 0
    return emails.send_review_request(resource)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_review_decision(resource_pk: int) -> bool:
    """Tell the poster that the resource was published or returned."""
    resource = Resource.objects.select_related("created_by__person").filter(pk=resource_pk).first()
    if resource is None or resource.status not in (
        Resource.Status.PUBLISHED,
        Resource.Status.DRAFT,
    ):
        return False
    return emails.send_review_decision(resource)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_flag_raised(flag_pk: int) -> int:
    """Tell the coordinators that a member reported a post, while the report is still open."""
    report = Flag.objects.open().select_related("reporter__person").filter(pk=flag_pk).first()
    if report is None or report.content is None:
        return 0
    return emails.send_flag_raised(report)
