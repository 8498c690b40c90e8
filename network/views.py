import sys

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from members.models import NetworkGroup

from .homepage import home_sections, member_counts
from .lib import pagecache
from .lib.pagecache import public_page

# The query parameters the search reads: only these make distinct cached pages.
SEARCH_PARAMS = ("q", "type", "page", "exact")


# What the home page shows besides the generation (members, events): the newest public resources,
# whose cards change when a field other pages show about a resource does. A comment, a
# registration or an edit of a resource's body leaves it alone.
HOME_SHOWS = ("knowledge.resource:listed",)


@require_safe
@public_page(shows=HOME_SHOWS)
def home(request):
    # Lazy: the template's shared fragments ask for them only when they are not cached.
    sections = SimpleLazyObject(lambda: home_sections(request))
    context = {
        "members": SimpleLazyObject(member_counts),
        "upcoming_events": SimpleLazyObject(lambda: sections["upcoming_events"]),
        "latest_resources": SimpleLazyObject(lambda: sections["latest_resources"]),
        "scopes": ",".join(HOME_SHOWS),
    }
    return render(request, "network/home.html", context)


@require_safe
@public_page
def about(request):
    # The structure section lists the regional centres and sub-networks kept by coordinators.
    groups = list(NetworkGroup.objects.structure())
    return render(request, "network/about.html", {"groups": groups})


@require_safe
@cache_control(no_store=True)
def healthz(request):
    """Liveness for load balancers: 200 when PostgreSQL and Redis answer, 503 naming what is down."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception:  # noqa: BLE001 - any failure means "down" here
        checks["database"] = "down"
    try:
        cache.set("healthz", "1", 5)
        checks["redis"] = "ok" if cache.get("healthz") == "1" else "down"
    except Exception:  # noqa: BLE001
        checks["redis"] = "down"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "down", "checks": checks}, status=200 if healthy else 503
    )


@require_safe
@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever the page declares."""
    return redirect(static("img/favicon.ico"))


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /en/admin/",
        "Disallow: /accounts/",
        "Disallow: /en/accounts/",
        "Disallow: /unsubscribe/",
        "Disallow: /en/unsubscribe/",
        "Disallow: /network/health/",
        "Disallow: /en/network/health/",
        f"Sitemap: {settings.SITE_URL}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_safe
@public_page(params=SEARCH_PARAMS)
def search(request):
    """One search over resources, discussions, events and organisations the visitor may see."""
    from django.utils.translation import get_language

    from network.search.query import KINDS, results_page

    text = request.GET.get("q", "")[:1000]
    kind = request.GET.get("type", "")
    kind = kind if kind in KINDS else ""
    language = get_language() or settings.LANGUAGE_CODE
    # "Search instead for" what was typed: no spelling correction.
    exact = request.GET.get("exact") == "1"
    # Lazy: the template's {% cache %} block asks for the results only when it is not cached,
    # so a search someone in the same role made before costs no query.
    found = SimpleLazyObject(
        lambda: results_page(request.user, text, kind, request.GET, language, exact)
    )
    context = {"q": text, "kind": kind, "exact": exact, "found": found}
    context["query_key"] = pagecache.query_key(request, SEARCH_PARAMS)
    return render(request, "network/search.html", context)


def server_error(request):
    """``handler500``: a friendly 503 in the visitor's language when PostgreSQL is unreachable
    (restarting, too many connections), the plain 500 page for anything else.

    Django has already logged the error and rolled back the request's transaction, so a form sent
    during the outage saved nothing: the page says so and asks to send it again.
    """
    error = sys.exc_info()[1]
    if not isinstance(error, OperationalError | InterfaceError):
        return HttpResponseServerError(loader.get_template("500.html").render())
    # The address says the language (no prefix: Thai); the session and cookie are not read, as
    # reading the session could need the database.
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        content = loader.get_template("503.html").render(
            {"site_name": settings.SITE_NAME, "retry_url": request.get_full_path()}
        )
    response = HttpResponse(content, status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
