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


# on_enqueue_failure: see network.celery.ResilientTask.
@shared_task(acks_late=True, on_enqueue_failure=staticmethod(_forget_entry))
def update_search_entry(model_label: str, pk: int) -> bool:
    """Refresh one object's search entry after it was saved or deleted.

    The index is a copy: a failure here is logged and never breaks the write that triggered it.
    The object's ``PendingIndex`` row stays then, and the sweep tries again. Running it twice
    indexes the same row twice: harmless.
    """
    try:
        return _refresh(model_label, pk)
    except Exception:  # noqa: BLE001 - see docstring
        logger.exception("Could not index %s #%s", model_label, pk)
        return False



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
