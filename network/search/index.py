"""Writing the search index: one row per searchable object, its tsvector built from Thai-segmented text."""

import logging

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchVector
from django.db import models, transaction
from django.db.models import F, Func, Value

from network.lib import pagecache
from network.lib.thai import clean, segment_for_index

from . import vocabulary as vocab
from .models import SearchEntry
from .registry import Document, document_for, registered_models, rows_to_index, visibility_for

logger = logging.getLogger(__name__)

MAX_TEXT = 20_000
MAX_EXTRA = 200_000


def _part(text: str, weight: str):
    return SearchVector(
        Value(segment_for_index(text), output_field=models.TextField()),
        config="simple",
        weight=weight,
    )


def _vectors(doc: Document) -> dict:
    """The entry's ``vector`` (title A, text B, files C) and ``title_vector`` (the title alone)."""
    title = f"{doc.title_th} {doc.title_en}" if doc.title_en != doc.title_th else doc.title_th
    return {
        "vector": _part(title, "A") + _part(doc.text[:MAX_TEXT], "B")
        + _part(doc.extra[:MAX_EXTRA], "C"),
        "title_vector": _part(title, "A"),
    }  # fmt: skip


def _words_and_visibility(content_type, object_id, *, lock: bool = True):
    """(the words, is it public, its kind) of an entry as stored, or (None, None, None) when
    there is none."""
    entries = SearchEntry.objects.filter(content_type=content_type, object_id=object_id)
    if lock:
        entries = entries.select_for_update()
    words = Func(
        F("vector"), function="tsvector_to_array", output_field=ArrayField(models.TextField())
    )
    row = entries.values_list("visibility", words, "kind").first()
    if row is None:
        return None, None, None
    visibility, words, kind = row
    return words or [], visibility == SearchEntry.Visibility.PUBLIC, kind


def remove_entry(content_type, object_id, *, vocabulary: bool = True) -> None:
    """Drop an object's entry and, with it, its words from the vocabulary."""
    with transaction.atomic():
        old_words, old_public, kind = (
            _words_and_visibility(content_type, object_id) if vocabulary else (None, None, None)
        )
        SearchEntry.objects.filter(content_type=content_type, object_id=object_id).delete()
        if old_public is not None:
            vocab.change(old_words, old_public, [], None, kind=kind)


def index_object(obj, *, vocabulary: bool = True) -> SearchEntry | None:
    """Add, refresh or remove ``obj``'s entry. Returns the entry, or None when it is not searchable.

    ``vocabulary=False`` (a full rebuild) leaves the word counts to ``vocabulary.rebuild()``.
    """
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    doc = document_for(obj)
    if doc is None:
        remove_entry(content_type, obj.pk, vocabulary=vocabulary)
        return None
    return index_document(content_type, obj.pk, doc, vocabulary=vocabulary)


def index_document(content_type, object_id, doc: Document, *, vocabulary: bool = True):
    with transaction.atomic():
        if vocabulary:
            # The kind is the model's (``registry``), the same before and after.
            old_words, old_public, _kind = _words_and_visibility(content_type, object_id)
        entry, _created = SearchEntry.objects.update_or_create(
            content_type=content_type,
            object_id=object_id,
            defaults={
                "kind": doc.kind,
                "language": doc.language,
                "title_th": clean(doc.title_th)[:300],
                "title_en": clean(doc.title_en)[:300],
                "text": clean(doc.text)[:MAX_TEXT],
                "visibility": doc.visibility,
                "url": doc.url,
                "updated": doc.updated,
            },
        )
        SearchEntry.objects.filter(pk=entry.pk).update(**_vectors(doc))
        if vocabulary:
            new_words, new_public, _kind = _words_and_visibility(
                content_type, object_id, lock=False
            )
            vocab.change(old_words, old_public, new_words, new_public, kind=doc.kind)
    return entry


def restrict_now(obj, *, deleted: bool = False) -> None:
    """Apply a narrowing of who may find ``obj`` in the current transaction, before any worker
    refreshes the entry: a deleted or no longer searchable row loses its entry, a row switched to
    members-only has its entry marked so. Widening (members-only to public) waits for the
    refresh, which writes the entry from the row's current text: the stored title and text may
    be older than the switch and must not become public."""
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    visibility = None if deleted else visibility_for(obj)
    if visibility is None:
        remove_entry(content_type, obj.pk)
        return
    if visibility != SearchEntry.Visibility.MEMBERS:
        return
    with transaction.atomic():
        words, public, kind = _words_and_visibility(content_type, obj.pk)
        if not public:
            return  # no entry, or already members-only
        SearchEntry.objects.filter(content_type=content_type, object_id=obj.pk).update(
            visibility=SearchEntry.Visibility.MEMBERS
        )
        vocab.change(words, True, words, False, kind=kind)


def index_by_key(model_label: str, pk: int) -> SearchEntry | None:
    model = apps.get_model(model_label)
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None:
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=True)
        remove_entry(content_type, pk)
        return None
    return index_object(obj)


def rebuild(models_=None) -> int:
    """Index every row of the registered models again; entries of vanished rows are removed,
    and the vocabulary is counted again from the entries."""
    with pagecache.one_change():  # one announcement for the whole rebuild, not one per row
        total = _rebuild(models_)
        vocab.rebuild()
        return total


def _rebuild(models_) -> int:
    total = 0
    for model in models_ or registered_models():
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=True)
        seen = []
        for obj in rows_to_index(model).iterator(chunk_size=500):
            if index_object(obj, vocabulary=False) is not None:
                seen.append(obj.pk)
                total += 1
        SearchEntry.objects.filter(content_type=content_type).exclude(object_id__in=seen).delete()
    return total
