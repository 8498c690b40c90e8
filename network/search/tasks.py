import datetime as dt
import logging

from celery import shared_task
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

# A pending row younger than this probably has its task still in the queue: the sweep leaves it.
SWEEP_GRACE = dt.timedelta(seconds=settings.SEARCH_SWEEP_GRACE_SECONDS)
SWEEP_BATCH = 100


def _refresh(model_label: str, pk: int) -> bool:
    """Index one object and remove the pending rows recorded before we read it."""
    from .index import index_by_key
    from .models import PendingIndex

    started = timezone.now()
    entry = index_by_key(model_label, pk)
    PendingIndex.objects.filter(
        model_label=model_label, object_id=pk, requested__lte=started
    ).delete()
    return entry is not None


def _forget_entry(model_label: str, pk: int) -> None:
    """The queue could not take the refresh: until the sweep runs, find nothing rather than what
    the object was before the change (it may have just been hidden or made members-only)."""
    from django.apps import apps

    from .models import SearchEntry

    model = apps.get_model(model_label)
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=True)
    SearchEntry.objects.filter(content_type=content_type, object_id=pk).delete()


MAX_RETRIES = 5


# on_enqueue_failure: see network.celery.ResilientTask.
@shared_task(
    bind=True,
    acks_late=True,
    max_retries=MAX_RETRIES,
    on_enqueue_failure=staticmethod(_forget_entry),
)
def update_search_entry(self, model_label: str, pk: int) -> bool:
    """Refresh one object's search entry after it was saved or deleted.

    The index is a copy, updated after the write has committed, so a failure here never undoes
    the write. It is logged and retried with a growing delay (10 s, 20 s, … 160 s); after the
    last attempt it is logged as an error and the task fails. The object's ``PendingIndex`` row
    stays until a refresh succeeds, so the periodic sweep tries again after that. Hiding a row
    does not wait for this task (``index.restrict_now``). Running it twice is harmless.
    """
    try:
        return _refresh(model_label, pk)
    except Exception as error:
        attempt = self.request.retries + 1
        if self.request.retries >= MAX_RETRIES:
            logger.error(
                "Could not index %s #%s: gave up after %s attempts",
                model_label, pk, attempt, exc_info=True,
            )  # fmt: skip
            raise
        logger.warning(
            "Could not index %s #%s (attempt %s of %s), retrying",
            model_label, pk, attempt, MAX_RETRIES + 1, exc_info=True,
        )  # fmt: skip
        raise self.retry(exc=error, countdown=10 * 2**self.request.retries) from error


@shared_task(acks_late=True)
def sweep_pending_index(batch: int = SWEEP_BATCH) -> int:
    """Refresh entries whose task never ran (the queue was down or lost it). Periodic.

    Rows are claimed with ``SKIP LOCKED``: two sweeps at once (a second beat, a retry) share the
    rows out instead of indexing the same ones twice. Returns how many objects were refreshed.
    """
    from .models import PendingIndex

    done = 0
    with transaction.atomic():
        claimed = list(
            PendingIndex.objects.select_for_update(skip_locked=True)
            .filter(requested__lt=timezone.now() - SWEEP_GRACE)
            .order_by("requested")[:batch]
        )
        for row in claimed:
            try:
                with transaction.atomic():
                    _refresh(row.model_label, row.object_id)
                done += 1
            except Exception:  # noqa: BLE001 - one bad row must not stop the others
                logger.exception("Could not index %s #%s", row.model_label, row.object_id)
    if done:
        logger.info("Search sweep refreshed %d pending entr(y/ies).", done)
    return done
