"""The coordinators' dashboard: it renders the stored figures and never computes them itself."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from members.access import coordinators_only
from members.models import Organisation, Person, Region
from network.lib.i18n import current_language
from network.lib.spreadsheets import csv_bytes

from . import services
from .forms import NudgeForm
from .graph import TIE_KINDS, edge_dicts, to_graphml
from .models import HealthSnapshot, Nudge
from .presentation import dashboard_context


@require_safe
@never_cache
@coordinators_only
def dashboard(request):
    snapshot = HealthSnapshot.objects.latest_for_page()
    period = services.current_period()
    nudged = set(Nudge.objects.filter(period=period).values_list("person_id", "organisation_id"))
    context = dashboard_context(snapshot, nudged) if snapshot else {}
    return render(
        request,
        "network/health/dashboard.html",
        {"snapshot": snapshot, "period": period, **context},
    )


@require_POST
@coordinators_only
def recompute(request):
    """Queue a computation now instead of waiting for the beat schedule."""
    from .tasks import compute_network_health

    compute_network_health.delay_on_commit()
    messages.success(request, _("The figures are being computed; reload this page in a minute."))
    return redirect("health:dashboard")


@require_POST
@coordinators_only
def nudge(request):
    form = NudgeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a person or an organisation to nudge."))
        return redirect("health:dashboard")
    kind, pk = form.cleaned_data["kind"], form.cleaned_data["pk"]
    if kind == "person":
        target = {"person": get_object_or_404(Person.objects.select_related("user"), pk=pk)}
    else:
        target = {"organisation": get_object_or_404(Organisation, pk=pk)}
    name = next(iter(target.values())).name
    try:
        services.nudge(sent_by=request.user, **target)
    except services.AlreadyNudged:
        messages.info(request, _("%(name)s was already nudged this quarter.") % {"name": name})
    except services.NobodyToNudge:
        messages.error(request, _("%(name)s has no e-mail address to write to.") % {"name": name})
    else:
        messages.success(
            request, _("A personal e-mail is on its way to %(name)s.") % {"name": name}
        )
    return redirect(reverse("health:dashboard") + "#quiet")


def _stored_graph():
    snapshot = (
        HealthSnapshot.objects.order_by("-computed_at", "-pk").only("computed_at", "graph").first()
    )
    if snapshot is None:
        raise Http404
    return snapshot


def _filename(snapshot, stem: str, ext: str) -> str:
    return f"{stem}-{snapshot.computed_at:%Y%m%d-%H%M}.{ext}"


@require_safe
@coordinators_only
def graph_graphml(request):
    snapshot = _stored_graph()
    response = HttpResponse(to_graphml(snapshot.graph), content_type="application/graphml+xml")
    response["Content-Disposition"] = (
        f'attachment; filename="{_filename(snapshot, "network-ties", "graphml")}"'
    )
    return response


def _csv(snapshot, stem: str, rows) -> HttpResponse:
    """A CSV download through the shared writer (cells a spreadsheet would run are escaped)."""
    response = HttpResponse(csv_bytes(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(snapshot, stem, "csv")}"'
    return response


@require_safe
@coordinators_only
def ties_csv(request):
    """Every tie: the two organisations, total weight and what it is made of."""
    snapshot = _stored_graph()
    names = {n["id"]: n for n in snapshot.graph.get("nodes", [])}
    language = current_language()
    rows = [["source_slug", "source_name", "target_slug", "target_name", "weight", *TIE_KINDS]]
    for edge in edge_dicts(snapshot.graph.get("edges", [])):
        a, b = names.get(edge["source"], {}), names.get(edge["target"], {})
        rows.append(
            [a.get("slug"), a.get(f"name_{language}"), b.get("slug"), b.get(f"name_{language}"),
             edge["weight"], *(edge[k] for k in TIE_KINDS)]
        )  # fmt: skip
    return _csv(snapshot, "network-ties", rows)


@require_safe
@coordinators_only
def organisations_csv(request):
    """Every organisation of the graph with its ties, betweenness and what it bridges."""
    snapshot = _stored_graph()
    kinds, regions = dict(Organisation.Kind.choices), dict(Region.choices)
    rows = [
        ["slug", "name_th", "name_en", "kind", "region", "ties", "tie_weight", "betweenness",
         "component", "kinds_bridged", "regions_bridged"]
    ]  # fmt: skip
    for node in snapshot.graph.get("nodes", []):
        rows.append(
            [node["slug"], node["name_th"], node["name_en"], kinds.get(node["kind"], node["kind"]),
             regions.get(node["region"], node["region"]), node["degree"], node["strength"],
             node["betweenness"], node["component"], node["kinds_bridged"], node["regions_bridged"]]
        )  # fmt: skip
    return _csv(snapshot, "network-organisations", rows)
