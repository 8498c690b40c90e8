"""The public honour roll."""

from django.db.models import Count
from django.shortcuts import render
from django.views.decorators.http import require_safe

from network.lib.pagecache import public_page

from .models import Honour, Standing
from .presentation import all_badges, badge_rows, levels_table, points_table

ROLL_SIZE = 60  # per list: the page stays the same size however many reach a level


@require_safe
@public_page
def honour_roll(request):
    on_roll = Standing.objects.on_roll()
    people = list(on_roll.people().select_related("person").order_by("-points", "pk")[:ROLL_SIZE])
    organisations = list(
        on_roll.organisations().select_related("organisation").order_by("-points", "pk")[:ROLL_SIZE]
    )
    counts = {
        row["level"]: row
        for row in on_roll.values("level").annotate(
            people=Count("person"), organisations=Count("organisation")
        )
    }
    honours = list(Honour.objects.public().select_related("person", "organisation")[:20])
    return render(
        request,
        "network/recognition/roll.html",
        {
            "levels": levels_table(counts),
            "people": badge_rows(people),
            "organisations": badge_rows(organisations),
            "honours": honours,
            "examples_shown": any(honour.is_example for honour in honours),
            "roll_size": ROLL_SIZE,
            "points_table": points_table(),
            "all_badges": all_badges(),
        },
    )
