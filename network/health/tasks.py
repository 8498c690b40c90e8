from celery import shared_task
from django.db import transaction
from django.utils import timezone


@shared_task
def compute_network_health() -> str:
    """The beat schedule's job: compute and store the dashboard's figures."""
    from .compute import compute_and_store

    return compute_and_store().summary


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_nudge(nudge_pk: int) -> bool:
    """Send a recorded nudge once: the row is claimed (sent_at set) before the e-mail leaves."""
    from .emails import send_nudge_email
    from .models import Nudge

    with transaction.atomic():
        nudge = (
            Nudge.objects.select_for_update(of=("self",))
            .select_related("person__user", "organisation", "sent_by__person")
            .filter(pk=nudge_pk, sent_at__isnull=True)
            .first()
        )
        if nudge is None:
            return False
        nudge.sent_at = timezone.now()
        nudge.save(update_fields=["sent_at"])
        # An error while sending rolls the claim back, so a retry sends it.
        return send_nudge_email(nudge)
