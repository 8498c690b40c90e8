import logging

from celery import shared_task

logger = logging.getLogger(__name__)

MAX_RETRIES = 5


@shared_task(bind=True, acks_late=True, max_retries=MAX_RETRIES)
def update_search_entry(self, model_label: str, pk: int) -> bool:
    """Refresh one object's search entry after it was saved or deleted.

    The index is a copy, updated after the write has committed, so a failure here never undoes
    the write. It is logged and retried with a growing delay (10 s, 20 s, … 160 s); after the
    last attempt it is logged as an error and the task fails (``manage.py rebuild_search_index``
    repairs the index). Hiding a row does not wait for this task (``index.restrict_now``).
    """
    from .index import index_by_key

    try:
        return index_by_key(model_label, pk) is not None
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
