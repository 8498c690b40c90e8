import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def update_search_entry(model_label: str, pk: int) -> bool:
    """Refresh one object's search entry after it was saved or deleted.

    The index is a copy: a failure here is logged and never breaks the write that triggered it
    (``manage.py rebuild_search_index`` repairs the index).
    """
    from .index import index_by_key

    try:
        return index_by_key(model_label, pk) is not None
    except Exception:  # noqa: BLE001 - see docstring
        logger.exception("Could not index %s #%s", model_label, pk)
        return False
