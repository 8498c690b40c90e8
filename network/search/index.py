"""Writing the search index: one row per searchable object, its tsvector built from Thai-segmented text."""

import logging

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVector
from django.db import models, transaction
from django.db.models import Value

from network import pagecache
from network.lib.thai import clean, segment_for_index

from .models import SearchEntry
from .registry import Document, document_for, registered_models, rows_to_index

logger = logging.getLogger(__name__)

MAX_TEXT = 20_000
MAX_EXTRA = 200_000


def _vector(doc: Document):
    def part(text: str, weight: str):
        return SearchVector(
            Value(segment_for_index(text), output_field=models.TextField()),
            config="simple",
            weight=weight,
        )

    title = f"{doc.title_th} {doc.title_en}" if doc.title_en != doc.title_th else doc.title_th
    return part(title, "A") + part(doc.text[:MAX_TEXT], "B") + part(doc.extra[:MAX_EXTRA], "C")


def index_object(obj) -> SearchEntry | None:
    """Add, refresh or remove ``obj``'s entry. Returns the entry, or None when it is not searchable."""
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    doc = document_for(obj)
    if doc is None:
        SearchEntry.objects.filter(content_type=content_type, object_id=obj.pk).delete()
        return None
    with transaction.atomic():
        entry, _created = SearchEntry.objects.update_or_create(
            content_type=content_type,
            object_id=obj.pk,
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
        SearchEntry.objects.filter(pk=entry.pk).update(vector=_vector(doc))
    return entry


def index_by_key(model_label: str, pk: int) -> SearchEntry | None:
    model = apps.get_model(model_label)
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None:
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=True)
        SearchEntry.objects.filter(content_type=content_type, object_id=pk).delete()
        return None
    return index_object(obj)


def rebuild(models_=None) -> int:
    """Index every row of the registered models again; entries of vanished rows are removed."""
    with pagecache.one_change():  # one announcement for the whole rebuild, not one per row
        return _rebuild(models_)


def _rebuild(models_) -> int:
    total = 0
    for model in models_ or registered_models():
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=True)
        seen = []
        for obj in rows_to_index(model).iterator(chunk_size=500):
            if index_object(obj) is not None:
                seen.append(obj.pk)
                total += 1
        SearchEntry.objects.filter(content_type=content_type).exclude(object_id__in=seen).delete()
    return total
