"""Names written by members are shown on maps as text: markup in them never becomes page elements.

Leaflet writes a string given to a tooltip or popup into the page as HTML, so an organisation or
venue name holding ``<meta http-equiv=refresh>`` would send every visitor of the map elsewhere.
"""

from decimal import Decimal

import pytest

from tests.events.factories import EventFactory
from tests.factories import OrganisationFactory

from .conftest import shoot

pytestmark = pytest.mark.django_db(transaction=True)

# Each piece would show itself if it became an element: an image, a redirect, bold text.
MARKUP = (
    "<img src=x onerror=\"document.title='injected'\">"
    '<meta http-equiv="refresh" content="0;url=/about/">'
    "<b>bold</b>"
)
INJECTED = 'img[src="x"], meta[http-equiv], .leaflet-pane b, .leaflet-tooltip b'


def name(prefix: str) -> str:
    return f"{prefix} {MARKUP}"


def assert_nothing_injected(page, path: str) -> None:
    page.wait_for_timeout(1500)  # a 0-second refresh would have left by now
    assert page.url.endswith(path), page.url
    assert page.title() != "injected"
    assert page.locator(INJECTED).count() == 0


def test_organisation_names_on_the_members_map_are_text(page):
    OrganisationFactory(
        name_th=name("เทศบาลทดสอบ"),
        name_en=name("Test City"),
        latitude=Decimal("19.910000"),
        longitude=Decimal("99.840000"),
    )
    for path, label in (
        ("/members/map/", name("เทศบาลทดสอบ")),
        ("/en/members/map/", name("Test City")),
    ):
        page.goto(path)
        marker = page.locator("#members-map path.leaflet-interactive")
        marker.first.wait_for()
        marker.first.hover()
        tooltip = page.locator(".leaflet-tooltip")
        tooltip.wait_for()
        assert tooltip.text_content() == label
        assert tooltip.locator("*").count() == 0
        marker.first.click()
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for()
        assert popup.locator("a").text_content() == label
        assert popup.locator("img, meta, b").count() == 0
        shoot(page, f"members map {path}")
        assert_nothing_injected(page, path)


@pytest.mark.parametrize(
    ("venue", "title"),
    [(name("Town hall"), "Flood seminar"), ("", name("Flood seminar"))],
    ids=["venue", "title when there is no venue"],
)
def test_the_venue_or_title_on_an_event_map_is_text(page, venue, title):
    event = EventFactory(
        slug="map-event",
        venue_name=venue,
        title_th=title,
        title_en=title,
        latitude=Decimal("13.756300"),
        longitude=Decimal("100.501800"),
    )
    for path in (f"/events/{event.slug}/", f"/en/events/{event.slug}/"):
        page.goto(path)
        marker = page.locator("[data-event-map] .leaflet-marker-icon")
        marker.wait_for()
        marker.click()
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for()
        assert popup.text_content() == (venue or title)
        assert popup.locator("img, meta, b").count() == 0
        shoot(page, f"event map {path}")
        assert_nothing_injected(page, path)
