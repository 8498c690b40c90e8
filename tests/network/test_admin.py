import pytest

pytestmark = pytest.mark.django_db


def test_coordinator_manages_network_apps_in_the_admin(client_for, coordinator):
    client = client_for(coordinator)
    assert client.get("/en/admin/").status_code == 200
    assert client.get("/en/admin/members/organisation/").status_code == 200
    assert client.get("/en/admin/members/organisation/add/").status_code == 200


def test_coordinator_cannot_touch_django_internals(client_for, coordinator):
    client = client_for(coordinator)
    assert client.get("/en/admin/auth/group/").status_code == 403


def test_member_is_kept_out_of_the_admin(client_for, member):
    response = client_for(member).get("/en/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
