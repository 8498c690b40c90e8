"""User-written Markdown rendered to HTML that is safe to show, once, when the text is saved.

Two layers, both made for untrusted input:

* markdown-it-py with the CommonMark preset (plus GFM tables and strikethrough) parses in time
  linear in the length of the text. Python-Markdown, used before, is quadratic on inputs such as a
  run of ``[``: one reply of 20,000 brackets took minutes on every view of its page.
* nh3 (ammonia) then keeps only harmless tags, attributes and URL schemes.

Raw HTML written in the source is dropped rather than passed on (as cmark-gfm does unless told
otherwise): members write Markdown, and the sanitiser is a second line, not the only one.

Rendering happens when a row is saved, never when a page is shown: each Markdown field has a
``RenderedMarkdownField`` next to it holding its sanitised HTML, filled by the field's
``pre_save`` (so ``save()`` and ``bulk_create()`` both fill it) and kept in step by
``RendersMarkdown.save(update_fields=...)``. Templates and the search indexer read that column.
"""

from collections.abc import Iterable

import nh3
from django.core import checks
from django.db import models
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "u", "s", "blockquote", "code", "pre",
    "ul", "ol", "li", "h2", "h3", "h4", "h5", "h6", "a", "img", "table", "thead", "tbody",
    "tr", "th", "td", "sup", "sub", "abbr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "abbr": {"title"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def _drop(renderer, tokens, idx, options, env):
    return ""


def _align_cells(state) -> None:
    """GFM column alignment as ``align=`` (kept by the sanitiser) rather than ``style=``."""
    for token in state.tokens:
        if token.type in ("th_open", "td_open") and token.attrs.get("style"):
            align = str(token.attrs.pop("style")).removeprefix("text-align:")
            if align in ("left", "center", "right"):
                token.attrs["align"] = align


def _parser() -> MarkdownIt:
    # "html": True only so that raw HTML is recognised as such and dropped below, rather than
    # shown as escaped text; nothing of it reaches the output.
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.add_render_rule("html_block", _drop)
    md.add_render_rule("html_inline", _drop)
    md.core.ruler.push("align_cells", _align_cells)
    return md


_md = _parser()


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def render_markdown(text: str) -> SafeString:
    """Markdown → sanitised HTML, in time linear in the length of ``text``."""
    if not text or not text.strip():
        return mark_safe("")
    return mark_safe(sanitize_html(_md.render(text)).strip())  # noqa: S308 - sanitised just above


class RenderedMarkdownField(models.TextField):
    """The sanitised HTML of the Markdown field ``source`` of the same row.

    Not editable: it is written only here, from ``source``, when the row is saved. Values read
    from the database come back marked safe, so templates show them with ``{{ obj.body_html }}``.
    """

    def __init__(self, *args, source: str, **kwargs):
        self.source = source
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        for key, value in (("editable", False), ("blank", True), ("default", "")):
            if kwargs.get(key) == value:
                del kwargs[key]
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        html = render_markdown(getattr(model_instance, self.source))
        setattr(model_instance, self.attname, html)
        return html

    def from_db_value(self, value, expression, connection):
        # Only ever written by pre_save() above (or rerender()): sanitised HTML.
        return None if value is None else mark_safe(value)  # noqa: S308

    def check(self, **kwargs):
        errors = super().check(**kwargs)
        if not issubclass(self.model, RendersMarkdown):
            errors.append(
                checks.Error(
                    f"{self.model.__name__}.{self.name} needs the model to inherit RendersMarkdown.",
                    hint="Without it save(update_fields=[...]) leaves the HTML stale.",
                    obj=self,
                    id="network.E001",
                )
            )
        return errors


def rendered_fields(model) -> list[RenderedMarkdownField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, RenderedMarkdownField)]


class RendersMarkdown:
    """Mixin for models with ``RenderedMarkdownField`` columns.

    ``save(update_fields=["body"])`` also writes ``body``'s HTML, which Django would otherwise
    leave out (it calls ``pre_save`` only for the fields it writes).
    """

    def save(self, *args, update_fields=None, **kwargs):
        if update_fields is not None:
            names = set(update_fields)
            names |= {f.name for f in rendered_fields(type(self)) if f.source in names}
            update_fields = names
        return super().save(*args, update_fields=update_fields, **kwargs)


def rerender(model, *, batch_size: int = 500) -> int:
    """Render every row of ``model`` again; return how many rows were written.

    Used by the data migrations that add the columns (``model`` is then the historical model, whose
    fields are still ``RenderedMarkdownField``) and by ``manage.py rerender_markdown`` after the
    renderer or the sanitiser changes.
    """
    fields = rendered_fields(model)
    if not fields:
        return 0
    sources = [f.source for f in fields]
    names = [f.name for f in fields]
    rows = model._base_manager.only("pk", *sources).order_by("pk").iterator(chunk_size=batch_size)
    batch, written = [], 0
    for row in rows:
        for field in fields:
            setattr(row, field.attname, render_markdown(getattr(row, field.source)))
        batch.append(row)
        if len(batch) >= batch_size:
            written += _write(model, batch, names)
            batch = []
    written += _write(model, batch, names)
    return written


def _write(model, rows: Iterable, names: list[str]) -> int:
    rows = list(rows)
    if rows:
        model._base_manager.bulk_update(rows, names)
    return len(rows)
