"""Whole public pages for visitors who are not signed in, kept in Redis.

Most of the portal's readers are anonymous (the public, search engines), and for them a page is
the same for everyone who asks for the same address in the same language. ``public_page`` keeps
such a page in the cache and serves it again until something changes.

Invalidation is by version counters that every key carries:

- the *generation*, which any saved or deleted row of the network's own apps (members, events,
  knowledge, search, tags) increments, so one such change makes every cached page stale at once;
- *scopes*, for the frequent writes that only a few pages show. A model declared with
  ``scoped()`` (a comment, a registration, a resource) does not bump the generation: its write
  bumps the model's scope (``"knowledge.comment"``) and the scopes of the objects it belongs to
  (``"knowledge.resource:<slug>"``, the resource the comment is on). A page that says what it
  shows (``@public_page(shows=...)``) carries only those scopes' versions, so a comment on one
  resource re-renders that resource's page and the pages that show every scope, but not the
  directory nor another resource's page. A page that says nothing carries every model scope:
  stale-proof by default, as coarse as before.

A page is never shown with data older than the write that changed it, as long as what it declares
covers what it shows. The counters are bumped when the write happens and again when its
transaction commits, so a page rendered in between (from data about to change) is not kept. Pages
that depend on the clock (upcoming events) are kept at most ``PAGE_CACHE_SECONDS``.

A page is only kept when it is the same for every anonymous visitor: a GET or HEAD answered 200,
that sets no cookie and carries no CSRF token (a form for the visitor), and the request has no
session or messages cookie (someone signed in, or with a message waiting, gets a fresh page).

The cache shares Redis with sessions and the Celery broker, so what it may hold is bounded, or a
crawler asking for random query strings would fill memory. Two limits do it:

- A view names the query parameters it reads (``@public_page(params=("q", "page"))``). Only those
  make distinct pages; a request carrying any other parameter is answered fresh and not kept.
- At most ``PAGE_CACHE_MAX_PAGES`` pages are stored per window of ``PAGE_CACHE_SECONDS``. A page
  lives no longer than one window, so no more than twice that many pages exist at any time,
  whatever the query strings; past the budget pages are still served, just not kept. Pages and
  fragments are stored compressed (4 to 7 kB each), so the default budget of 10,000 holds about
  100 to 150 MB at most.
"""

import contextlib
import functools
import hashlib
import threading
import time
import zlib

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save
from django.http import HttpResponse
from django.template.response import SimpleTemplateResponse
from django.utils.cache import patch_vary_headers
from django.utils.crypto import salted_hmac
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

GENERATION_KEY = "pagecache:generation"
SCOPE_KEY = "pagecache:scope:"
WATCHED_APPS = {"members", "events", "knowledge", "search", "taggit", "network"}
HEADER = "X-Page-Cache"

# Model label -> the object scopes one of its rows belongs to (see ``scoped``).
_scoped: dict[str, object] = {}


def scoped(label: str, objects=None, *, listed=()):
    """Writes to the model ``label`` ("app.model") bump scopes instead of the generation.

    ``objects(instance)`` gives the object scopes a row changes (a comment: ``object_scope`` of
    the resource it is on). ``listed``: fields other pages show about the row (a title, its
    visibility, its address); a save that changes one of them also bumps ``"<label>:listed"``,
    which pages naming such rows (related resources) declare. A delete counts as such a change.
    """
    _scoped[label] = (objects or (lambda instance: ()), tuple(listed))
    post_init.connect(_on_load, sender=label, dispatch_uid=f"pagecache-load-{label}")


def object_scope(instance, slug: str | None = None) -> str:
    """The scope of one row's own page: ``"app.model:<slug>"``, known from its address alone."""
    return f"{instance._meta.label_lower}:{instance.slug if slug is None else slug}"


def model_scopes() -> list[str]:
    """The scopes every page that does not say what it shows depends on."""
    return sorted(_scoped) + [f"{label}:listed" for label in sorted(_scoped)]


def generation() -> int:
    """The current generation: part of every cached page's and fragment's key."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return generation


def versions(scopes=None) -> str:
    """The generation and the versions of ``scopes`` (every model scope when None), in one read."""
    scopes = model_scopes() if scopes is None else sorted(set(scopes))
    keys = [GENERATION_KEY] + [SCOPE_KEY + scope for scope in scopes]
    found = cache.get_many(keys)
    if GENERATION_KEY not in found:
        found[GENERATION_KEY] = generation()
    return ".".join(str(found.get(key, 0)) for key in keys)


def _incr(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # no counter yet: nothing was cached under one
        cache.add(key, 1, timeout=None)


def _bump(scopes=None) -> None:
    if scopes is None:
        _incr(GENERATION_KEY)
    else:
        for scope in scopes:
            _incr(SCOPE_KEY + scope)


def content_changed(scopes=None) -> None:
    """Make every cached page stale (or those showing ``scopes``); for writes that send no signal
    (``QuerySet.update``)."""
    scopes = None if scopes is None else tuple(scopes)
    _bump(scopes)
    transaction.on_commit(lambda: _bump(scopes))


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


def remember(name: str, compute, *, shows=None):
    """``compute()``, kept until the next change: for costly facts many pages show (a facet list).

    ``shows``: the scopes the fact depends on (every model scope when None)."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return compute()
    return cache.get_or_set(
        f"pagecache:{versions(shows)}:fact:{name}", compute, settings.PAGE_CACHE_SECONDS
    )


def _listed(instance, fields) -> tuple:
    # Only what was loaded: reading a deferred field would query (and load the row again).
    return tuple(instance.__dict__.get(name) for name in fields)


def _on_load(sender, instance, **kwargs):
    """Remember what a scoped row showed when it was read, to tell what a save changed."""
    instance._pagecache_listed = _listed(instance, _scoped[sender._meta.label_lower][1])


def _scopes_of(sender, instance, *, deleted: bool = False, listed: bool = False):
    """What a write to ``instance`` changes: a list of scopes, or None for everything.

    ``listed``: the write changes what other pages show about it (it is new, deleted, or its
    topics changed), whatever its fields say."""
    label = sender._meta.label_lower
    if label not in _scoped:
        return None
    objects, fields = _scoped[label]
    scopes = [label, *objects(instance)]
    before = getattr(instance, "_pagecache_listed", None)
    if deleted or listed or (fields and before != _listed(instance, fields)):
        scopes.append(f"{label}:listed")
        old_slug = before[fields.index("slug")] if before and "slug" in fields else None
        if old_slug and old_slug != instance.slug:  # renamed: its old address is stale too
            scopes.append(object_scope(instance, old_slug))
    return scopes


def _on_write(sender, signal=None, **kwargs):
    if sender._meta.app_label not in WATCHED_APPS or getattr(_local, "depth", 0):
        return
    if not getattr(sender, "shown_on_public_pages", True):
        return  # rows no cached page shows (a survey's answers): a write changes nothing there
    if kwargs.get("update_fields") and set(kwargs["update_fields"]) <= {"last_login"}:
        return  # signing in shows nothing new to the public
    instance = kwargs.get("instance")
    if signal is m2m_changed:
        if not kwargs["action"].startswith("post_"):
            return
        if not kwargs.get("pk_set") and kwargs["action"] != "post_clear":
            return  # set() to what it already was: nothing changed
        # A scoped row's topics or organisations changed: that row changed, as other pages show
        # it. From the other side (a topic's resources) any page may show it.
        if kwargs.get("reverse"):
            return content_changed()
        return content_changed(_scopes_of(type(instance), instance, listed=True))
    deleted = signal is post_delete
    content_changed(
        _scopes_of(sender, instance, deleted=deleted, listed=bool(kwargs.get("created")))
    )
    if hasattr(instance, "_pagecache_listed"):
        _on_load(sender, instance)  # the next save compares with this one


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


def _key(request, query: str, scopes) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}|{get_language()}"
    return f"pagecache:{versions(scopes)}:{hashlib.sha256(address.encode()).hexdigest()}"


def fragment(parts, render, *, shows=None):
    """``render()``, kept for everyone who asks with the same ``parts`` until the next change.

    For a piece of a page shared by everyone in one role (``{% shared_fragment %}``). It counts
    against the same budget as whole pages; a part that is None (a query with an unknown
    parameter, see ``query_key``) means the piece is rendered and not kept. ``shows``: the
    scopes the piece depends on (every model scope when None).
    """
    if settings.PAGE_CACHE_SECONDS <= 0 or any(part is None for part in parts):
        return render()
    digest = hashlib.sha256(repr([str(part) for part in parts]).encode()).hexdigest()
    key = f"pagecache:{versions(shows)}:fragment:{digest}"
    stored = cache.get(key)
    if stored is not None:
        return mark_safe(zlib.decompress(stored).decode())  # noqa: S308 - rendered by a template
    value = render()
    if _within_budget():
        cache.set(key, _packed(value.encode()), settings.PAGE_CACHE_SECONDS)
    return value


def _packed(content: bytes) -> bytes:
    """What is stored of a page or fragment: compressed (HTML shrinks four to five times), so the
    budget's pages take a fifth of the memory; compressing costs about 0.3 ms, once per store,
    and reading back 0.1 ms."""
    return zlib.compress(content, 1)


def csrf_slot() -> str:
    """What a shared fragment holds where a form's CSRF token goes (``{% shared_fragment %}``).

    A fragment is shared by everyone in a role, a token belongs to one visitor: the fragment is
    rendered with this in the token's place and each visitor's token is put in when it is shown.
    Derived from the secret key, so no text a member writes can be taken for it."""
    return salted_hmac("pagecache.csrf-slot", "slot").hexdigest()


def _within_budget() -> bool:
    """Count one more stored page in this window; False once the window's budget is spent."""
    seconds = settings.PAGE_CACHE_SECONDS
    counter = f"pagecache:budget:{int(time.time() // seconds)}"
    cache.add(counter, 0, timeout=2 * seconds)
    try:
        return cache.incr(counter) <= settings.PAGE_CACHE_MAX_PAGES
    except ValueError:  # the counter expired between the two calls
        return False


def public_page(view=None, *, params=(), shows=None):
    """Serve ``view`` to anonymous visitors from the cache when it can (see the module's note).

    ``params``: the query parameters the view reads; any other one means the page is not kept.
    ``shows``: the scopes the page depends on besides the generation, a list or a function of
    the view's arguments (``lambda request, slug: [...]``); None (the default) means every
    model scope, so a page that does not say is never stale.
    """
    if view is None:
        return functools.partial(public_page, params=params, shows=shows)
    known = frozenset(params)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        query = query_key(request, known) if _cacheable_request(request) else None
        if query is None:
            return view(request, *args, **kwargs)
        scopes = shows(request, *args, **kwargs) if callable(shows) else shows
        key = _key(request, query, scopes)
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(zlib.decompress(content))
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
    cache.set(key, (_packed(response.content), headers), settings.PAGE_CACHE_SECONDS)
    response[HEADER] = "miss"
