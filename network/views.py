from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from members.models import Organisation

from .homepage import home_sections


@require_GET
def home(request):
    kinds = dict(
        Organisation.objects.active().values_list("kind").annotate(n=Count("id")).order_by()
    )
    member_counts = [
        (kind, label, kinds.get(kind, 0))
        for kind, label in Organisation.Kind.choices
        if kinds.get(kind)
    ]
    context = {
        "member_counts": member_counts,
        "member_total": sum(kinds.values()),
        **home_sections(request),
    }
    return render(request, "network/home.html", context)


@require_GET
def about(request):
    return render(request, "network/about.html")


@require_GET
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


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /en/admin/",
        "Disallow: /accounts/",
        "Disallow: /en/accounts/",
        "Disallow: /unsubscribe/",
        f"Sitemap: {settings.SITE_URL}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
def search(request):
    return render(request, "network/search.html")


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
