"""Small things visitors and newcomers met: the 404's way back in, the favicon, the invitation
to join after sign-up, editors' way to join requests, pledge badges' colours everywhere."""

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_any_404_offers_an_anonymous_visitor_sign_in_and_back(client):
    response = client.get("/en/knowledge/some-members-only-guide/?x=1")
    assert response.status_code == 404
    html = response.content.decode()
    assert "/en/accounts/login/?next=/en/knowledge/some-members-only-guide/%3Fx%3D1" in html


def test_signed_in_people_get_no_sign_in_offer_on_a_404(client_for, member):
    response = client_for(member).get("/en/knowledge/nothing-here/")
    assert response.status_code == 404
    assert "/accounts/login/?next=" not in response.content.decode()


def test_favicon_ico_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith("img/favicon.ico")
    assert finders.find("img/favicon.ico")
    with open(finders.find("img/favicon.ico"), "rb") as icon:
        assert icon.read(4) == b"\x00\x00\x01\x00"  # an ICO file, not a renamed PNG


def test_admin_pages_declare_the_icon(client_for, coordinator):
    html = client_for(coordinator).get("/admin/").content.decode()
    assert 'rel="icon"' in html


def test_after_sign_up_people_land_on_the_join_page():
    assert reverse(settings.ACCOUNT_SIGNUP_REDIRECT_URL) == reverse("members:join")


def test_newcomers_are_welcomed_on_the_join_page(client_for, outsider):
    html = client_for(outsider).get("/en/members/join/").content.decode()
    assert "Welcome! Your account is ready." in html


@pytest.mark.parametrize("persona", ["editor", "coordinator"])
def test_editors_and_coordinators_reach_join_requests_in_one_click(request, client_for, persona):
    user = request.getfixturevalue(persona)
    header = client_for(user).get("/en/events/").content.decode().split("</header>")[0]
    assert 'href="/en/members/requests/"' in header


def test_members_get_no_join_requests_link(client_for, member):
    header = client_for(member).get("/en/").content.decode().split("</header>")[0]
    assert "/members/requests/" not in header


def test_pledge_badges_are_styled_by_the_stylesheet_every_page_loads():
    with open(finders.find("css/site.css"), encoding="utf-8") as css:
        text = css.read()
    for status in ("planned", "in_progress", "done", "dropped"):
        assert f".badge.pledge-{status}" in text


def test_date_fields_on_the_site_are_text_boxes_in_the_readers_era_not_browser_pickers(
    client_for, member
):
    """A browser's own date picker shows mm/dd/yyyy and Common-Era years to Thai readers."""
    import re

    html = client_for(member).get("/knowledge/new/").content.decode()
    box = re.search(r'<input[^>]*name="published_on"[^>]*>', html).group(0)
    assert 'type="text"' in box and 'type="date"' not in box
    assert 'placeholder="วว/ดด/ปปปป"' in box
    assert 'type="date"' not in html
