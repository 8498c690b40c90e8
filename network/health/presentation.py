"""Stored figures → what the dashboard template shows, in the visitor's language. No queries."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from members.models import Organisation, Region
from network.lib.i18n import current_language

# The handbook's seven components of a real network, and how the portal measures each.
COMPONENTS = {
    "perception": (
        _("Common perception"),
        _("Share of organisations active in the last year whose events or resources were on the "
          "network's five most common topics of that year."),
    ),
    "vision": (
        _("Common vision"),
        _("Share of member organisations that took part in an annual or exchange meeting in the "
          "last year (hosting, attending or sending a delegation)."),
    ),
    "benefit": (
        _("Mutual benefit"),
        _("Share of the pledges due in the last year that were carried out: what members took "
          "home from the network and applied."),
    ),
    "participation": (
        _("Every member takes part"),
        _("Share of member organisations with any activity in the last 90 days."),
    ),
    "complementary": (
        _("Complementary relationship"),
        _("Share of the year's tie weight that links organisations of different sectors."),
    ),
    "interdependence": (
        _("Interdependence"),
        _("Share of member organisations in the largest connected group of the year's ties."),
    ),
    "interaction": (
        _("Two-way interaction"),
        _("Share of people active in the last 90 days who also gave: posted, answered or hosted."),
    ),
}  # fmt: skip


def _name(item: dict) -> str:
    language = current_language()
    return item.get(f"name_{language}") or item.get("name_th") or item.get("name_en") or ""


def _when(value):
    return dt.datetime.fromisoformat(value) if value else None


def _pct(value) -> float:
    return round((value or 0) * 100, 1)


def scorecard(rows: list[dict]) -> list[dict]:
    card = []
    for number, row in enumerate(rows, start=1):
        name, measure = COMPONENTS[row["key"]]
        trend = round(row["trend"] * 100, 1)
        card.append(
            {**row, "number": number, "name": name, "measure": measure, "percent": _pct(row["value"]),
             "previous_percent": _pct(row["previous"]), "trend_points": trend,
             "direction": "up" if trend > 0 else "down" if trend < 0 else "flat"}
        )  # fmt: skip
    return card


def participation(figures: dict) -> dict:
    kinds, regions = dict(Organisation.Kind.choices), list(Region.choices)
    table = figures.get("sector_region", {})
    rows = []
    for kind, label in kinds.items():
        cells = table.get(kind)
        if not cells:
            continue
        row = [cells.get(code, [0, 0]) for code, _label in regions]
        row.append(cells.get("none", [0, 0]))
        total = [sum(c[0] for c in row), sum(c[1] for c in row)]
        rows.append({"label": label, "cells": row, "total": total})
    trend = [
        {**month, "month": dt.date.fromisoformat(month["month"])}
        for month in figures.get("trend", [])
    ]
    return {
        **figures,
        "trend": trend,
        "sector_rows": rows,
        "region_labels": [label for _code, label in regions] + [_("No region")],
        "percent": {
            key: _pct(figures.get(f"{key}_share"))
            for key in ("people_30", "people_90", "organisations_30", "organisations_90")
        },
    }


def quiet(figures: dict, nudged: set[tuple]) -> dict:
    def rows(items, kind):
        made = []
        for item in items:
            key = (item["id"], None) if kind == "person" else (None, item["id"])
            made.append(
                {**item, "name": _name(item), "last": _when(item["last"]), "nudged": key in nudged}
            )
        return made

    return {
        **figures,
        "organisations": rows(figures.get("organisations", []), "organisation"),
        "people": rows(figures.get("people", []), "person"),
    }


def ties(figures: dict) -> dict:
    kinds, regions = dict(Organisation.Kind.choices), dict(Region.choices)

    def label(node):
        return {
            **node,
            "name": _name(node),
            "kind_label": kinds.get(node.get("kind"), ""),
            "region_label": regions.get(node.get("region"), ""),
        }

    strongest = [
        {**edge, "source_name": _name({"name_th": edge["source_name_th"], "name_en": edge["source_name_en"]}),
         "target_name": _name({"name_th": edge["target_name_th"], "name_en": edge["target_name_en"]})}
        for edge in figures.get("strongest", [])
    ]  # fmt: skip
    picture = figures.get("picture", {})
    return {
        **figures,
        "density_percent": _pct(figures.get("density")),
        "brokers": [label(n) for n in figures.get("brokers", [])],
        "isolated": [label(n) for n in figures.get("isolated", [])],
        "strongest": strongest,
        "picture": {
            **picture,
            "kinds": {k: str(v) for k, v in kinds.items()},
            "regions": {k: str(v) for k, v in regions.items()},
        },
        "picture_partial": picture.get("all_nodes", 0) > len(picture.get("nodes", []))
        or picture.get("all_edges", 0) > len(picture.get("edges", [])),
    }


def rotation(figures: dict) -> dict:
    regions = dict(Region.choices)
    rows = [
        {**row, "label": regions.get(row["region"], row["region"]), "last": _when(row["last"])}
        for row in figures.get("regions", [])
    ]
    return {
        **figures,
        "rows": rows,
        "year_starts": [dt.date(year, 1, 1) for year in figures.get("years", [])],
        "suggested_label": regions.get(figures.get("suggested"), ""),
    }


def reciprocity(figures: dict) -> dict:
    return {
        **figures,
        "only_receive": [{**o, "name": _name(o)} for o in figures.get("only_receive", [])],
        "people_giving_percent": _pct(figures.get("people_giving_share")),
        "replies_across_percent": _pct(figures.get("replies_across_share")),
        "questions_answered_percent": _pct(figures.get("questions_answered_share")),
    }


def dashboard_context(snapshot, nudged: set[tuple]) -> dict:
    figures = snapshot.figures
    return {
        "scorecard": scorecard(figures.get("scorecard", [])),
        "participation": participation(figures.get("participation", {})),
        "quiet": quiet(figures.get("quiet", {}), nudged),
        "reciprocity": reciprocity(figures.get("reciprocity", {})),
        "ties": ties(figures.get("ties", {})),
        "rotation": rotation(figures.get("rotation", {})),
    }
