"""Whole public pages for visitors who are not signed in, kept in Redis.

Most of the portal's readers are anonymous (the public, search engines), and for them a page is
the same for everyone who asks for the same address in the same language. ``public_page`` keeps
such a page in the cache and serves it again until something changes.

Invalidation is by generation: every key carries a counter, and any saved or deleted row of the
network's own apps (members, events, knowledge, search, tags) increments it, so one change makes
every cached page stale at once. It is coarse on purpose: a write is rare next to a read, and a
page is never shown with data older than the write that changed it. The counter is bumped when
the write happens and again when its transaction commits, so a page rendered in between (from
data about to change) is not kept. Pages that depend on the clock (upcoming events) are kept at
most ``PAGE_CACHE_SECONDS``.

A page is only kept when it is the same for every anonymous visitor: a GET or HEAD answered 200,
that sets no cookie and carries no CSRF token (a form for the visitor), and the request has no
session or messages cookie (someone signed in, or with a message waiting, gets a fresh page).

The cache shares Redis with sessions and the Celery broker, so what it may hold is bounded, or a
crawler asking for random query strings would fill memory. Two limits do it:

- A view names the query parameters it reads (``@public_page(params=("q", "page"))``). Only those
  make distinct pages; a request carrying any other parameter is answered fresh and not kept.
- At most ``PAGE_CACHE_MAX_PAGES`` pages are stored per window of ``PAGE_CACHE_SECONDS``. A page
  lives no longer than one window, so no more than twice that many pages exist at any time,
  whatever the query strings; past the budget pages are still served, just not kept.
"""

import contextlib
import functools
import hashlib
import threading
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.template.response import SimpleTemplateResponse
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import get_language

GENERATION_KEY = "pagecache:generation"
WATCHED_APPS = {"members", "events", "knowledge", "search", "taggit", "network"}
HEADER = "X-Page-Cache"


def generation() -> int:
    """The current generation: part of every cached page's and fragment's key."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return generation


def _bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no counter yet: nothing was cached under one
        cache.add(GENERATION_KEY, 1, timeout=None)


def content_changed() -> None:
    """Make every cached page stale; for writes that send no signal (``QuerySet.update``)."""
    _bump()
    transaction.on_commit(_bump)


_local = threading.local()


@contextlib.contextmanager
def one_change():
    """Writes inside announce nothing by themselves; one change is announced at the end.

    For bulk jobs (rebuilding the search index), where a bump per row would cost more than the row.
    """
    depth = getattr(_local, "depth", 0)
    _local.depth = depth + 1
    try:
        yield
    finally:
        _local.depth = depth
        if depth == 0:
            content_changed()


def remember(name: str, compute):
    """``compute()``, kept until the next change: for costly facts many pages show (a facet list)."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return compute()
    return cache.get_or_set(
        f"pagecache:{generation()}:fact:{name}", compute, settings.PAGE_CACHE_SECONDS
    )


def _on_write(sender, **kwargs):
    if sender._meta.app_label not in WATCHED_APPS or getattr(_local, "depth", 0):
        return
    if not getattr(sender, "shown_on_public_pages", True):
        return  # rows no cached page shows (a survey's answers): a write changes nothing there
    if kwargs.get("update_fields") and set(kwargs["update_fields"]) <= {"last_login"}:
        return  # signing in shows nothing new to the public
    content_changed()


def connect_signals() -> None:
    post_save.connect(_on_write, dispatch_uid="pagecache-save")
    post_delete.connect(_on_write, dispatch_uid="pagecache-delete")
    m2m_changed.connect(_on_write, dispatch_uid="pagecache-m2m")


def _cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def _same_for_everyone(request, response) -> bool:
    messages = getattr(request, "_messages", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # the page holds a CSRF token
        and not getattr(messages, "_queued_messages", None)
    )


def query_key(request, params) -> str | None:
    """The request's query in a canonical order, or None if it has a parameter the view ignores."""
    pairs = []
    for name, values in request.GET.lists():
        if name not in params:
            return None
        pairs.extend((name, value) for value in values)
    return urlencode(sorted(pairs))


def _key(request, query: str) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}|{get_language()}"
    return f"pagecache:{generation()}:{hashlib.sha256(address.encode()).hexdigest()}"


def fragment(parts, render):
    """``render()``, kept for everyone who asks with the same ``parts`` until the next change.

    For a piece of a page shared by everyone in one role (``{% shared_fragment %}``). It counts
    against the same budget as whole pages; a part that is None (a query with an unknown
    parameter, see ``query_key``) means the piece is rendered and not kept.
    """
    if settings.PAGE_CACHE_SECONDS <= 0 or any(part is None for part in parts):
        return render()
    digest = hashlib.sha256(repr([str(part) for part in parts]).encode()).hexdigest()
    key = f"pagecache:{generation()}:fragment:{digest}"
    value = cache.get(key)
    if value is None:
        value = render()
        if _within_budget():
            cache.set(key, value, settings.PAGE_CACHE_SECONDS)
    return value


def _within_budget() -> bool:
    """Count one more stored page in this window; False once the window's budget is spent."""
    seconds = settings.PAGE_CACHE_SECONDS
    counter = f"pagecache:budget:{int(time.time() // seconds)}"
    cache.add(counter, 0, timeout=2 * seconds)
    try:
        return cache.incr(counter) <= settings.PAGE_CACHE_MAX_PAGES
    except ValueError:  # the counter expired between the two calls
        return False


def public_page(view=None, *, params=()):
    """Serve ``view`` to anonymous visitors from the cache when it can (see the module's note).

    ``params``: the query parameters the view reads; any other one means the page is not kept.
    """
    if view is None:
        return functools.partial(public_page, params=params)
    known = frozenset(params)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        query = query_key(request, known) if _cacheable_request(request) else None
        if query is None:
            return view(request, *args, **kwargs)
        key = _key(request, query)
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            # What the page would have said had it been rendered: it read the session.
            patch_vary_headers(response, ("Cookie",))
            response[HEADER] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
            response.add_post_render_callback(lambda rendered: _store(request, key, rendered))
        else:
            _store(request, key, response)
        return response

    return wrapper


def _store(request, key, response) -> None:
    if not _same_for_everyone(request, response):
        return
    if not _within_budget():
        return
    headers = list(response.items())
    cache.set(key, (response.content, headers), settings.PAGE_CACHE_SECONDS)
    response[HEADER] = "miss"
