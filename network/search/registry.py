"""What is searchable. Each model registers a function that turns a row into a ``Document`` (or
``None`` when the row must not be found: drafts, hidden posts, applicants...). The apps know nothing
of this: ``network.search.indexers`` registers them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models


@dataclass
class Document:
    kind: str
    title_th: str
    title_en: str
    text: str
    visibility: str
    url: str
    updated: dt.datetime
    language: str = ""
    # Indexed but not shown: attached files' text, tags, names of places and people.
    extra: str = ""


_registry: dict[type[models.Model], Callable[[models.Model], Document | None]] = {}
_related: dict[type[models.Model], tuple[str, ...]] = {}
_visibility: dict[type[models.Model], Callable[[models.Model], str | None]] = {}


def register(
    model: type[models.Model],
    *,
    related: tuple[str, ...] = (),
    visibility: Callable[[models.Model], str | None] | None = None,
):
    """``related``: what the function reads from other tables, fetched in bulk when rebuilding.
    ``visibility``: a cheap function of the row alone, "public", "members" or None (not to be
    found), applied in the saving transaction so hiding something takes effect at once."""

    def decorator(func):
        _registry[model] = func
        _related[model] = related
        if visibility is not None:
            _visibility[model] = visibility
        return func

    return decorator


def rows_to_index(model: type[models.Model]):
    """Every row of ``model`` with what its document needs, a few queries per 500 rows."""
    return model._default_manager.order_by("pk").prefetch_related(*_related.get(model, ()))


def registered_models() -> list[type[models.Model]]:
    return list(_registry)


def document_for(obj) -> Document | None:
    func = _registry.get(type(obj)) or _registry.get(obj._meta.concrete_model)
    return func(obj) if func else None


def visibility_for(obj) -> str | None:
    """Who may find ``obj`` now ("public", "members", or None); "public" when not registered."""
    func = _visibility.get(type(obj)) or _visibility.get(obj._meta.concrete_model)
    return func(obj) if func else "public"
