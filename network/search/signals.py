"""Saving or deleting a searchable row records a pending refresh of its entry in the same
transaction, and enqueues the refresh after the commit.

The record (``PendingIndex``) commits or rolls back with the change, so a change is never left
unindexed: when the queue cannot take the task, or loses it, the periodic sweep refreshes the
entry. Until then the entry is removed (see ``tasks.update_search_entry.on_enqueue_failure``).

Hiding is not left to the worker either: a row deleted, unpublished or switched to members-only
has its entry removed or marked in the same transaction (``index.restrict_now``), so it is never
found by the wrong people.
"""

from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from .models import PendingIndex
from .registry import registered_models


def _enqueue(model_label: str, pk) -> None:
    from .tasks import update_search_entry

    if pk is None:
        return
    PendingIndex.objects.bulk_create(
        [PendingIndex(model_label=model_label, object_id=pk, requested=timezone.now())],
        update_conflicts=True,
        unique_fields=["model_label", "object_id"],
        update_fields=["requested"],
    )
    update_search_entry.delay_on_commit(model_label, pk)


def _changed(sender, instance, **kwargs):
    from .index import restrict_now

    if kwargs.get("raw"):
        return  # fixtures: rebuild the index afterwards
    restrict_now(instance, deleted=kwargs.get("signal") is post_delete)
    _enqueue(sender._meta.label, instance.pk)


def _attachment_changed(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    _enqueue("knowledge.Resource", instance.resource_id)


def connect() -> None:
    from knowledge.models import Attachment

    for model in registered_models():
        uid = f"search-{model._meta.label}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-delete")
    post_save.connect(_attachment_changed, sender=Attachment, dispatch_uid="search-attachment-save")
    post_delete.connect(
        _attachment_changed, sender=Attachment, dispatch_uid="search-attachment-delete"
    )
