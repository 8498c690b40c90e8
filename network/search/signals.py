"""Saving or deleting a searchable row enqueues a refresh of its entry, after the commit.

Hiding is not left to the worker: a row deleted, unpublished or switched to members-only has its
entry removed or marked in the same transaction (``index.restrict_now``).
"""

from django.db.models.signals import post_delete, post_save

from .registry import registered_models


def _enqueue(model_label: str, pk) -> None:
    from .tasks import update_search_entry

    if pk is not None:
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
