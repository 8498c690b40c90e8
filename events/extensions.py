"""Sections that apps depending on ``events`` add to the event page (e.g. comments on a report).

Same idea as ``members.panels``: register ``func(request, event) -> Panel | None`` in
``AppConfig.ready()``; the event page renders what is registered without importing those apps.
"""

from collections.abc import Callable

from members.panels import Panel

_event_panels: list[Callable] = []


def register_event_panel(func: Callable) -> Callable:
    if func not in _event_panels:
        _event_panels.append(func)
    return func


def event_panels(request, event) -> list[Panel]:
    return [p for p in (func(request, event) for func in _event_panels) if p]
