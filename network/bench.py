"""Baseline views for ``make bench``: what the server does with almost no application work.

``hello`` is a bare Django response; ``fortunes`` is the TechEmpower "fortunes" page: one SELECT,
one row added in Python, a sort and an escaped template. Every portal page is reported as a ratio
to these, measured by the same server in the same run. They are routed only when ``BENCH_VIEWS=1``.
"""

from operator import itemgetter

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .models import Fortune

EXTRA_FORTUNE = "Additional fortune added at request time."


@require_safe
def hello(request):
    return HttpResponse(b"Hello, World!", content_type="text/plain")


@require_safe
def fortunes(request):
    rows = list(Fortune.objects.values_list("id", "message"))
    rows.append((0, EXTRA_FORTUNE))
    rows.sort(key=itemgetter(1))
    return render(request, "network/bench_fortunes.html", {"fortunes": rows})
