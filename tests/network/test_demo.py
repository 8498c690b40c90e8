import pytest
from django.apps import apps
from django.core.management import call_command

from members.models import Organisation, User

pytestmark = pytest.mark.django_db

DEMO_APPS = ("members", "events", "knowledge", "taggit", "account")


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for name in DEMO_APPS
        for model in apps.get_app_config(name).get_models()
    }


def test_load_demo_twice_gives_the_same_counts(capsys):
    call_command("load_demo")
    first = row_counts()
    call_command("load_demo")
    assert row_counts() == first
    assert "Demo coordinator: coordinator@thaicity-climate.org" in capsys.readouterr().out


def test_demo_network_has_the_handbook_cities_and_a_coordinator():
    call_command("load_demo")
    cities = set(Organisation.objects.cities().values_list("name_en", flat=True))
    for city in ("Chiang Rai", "Hat Yai", "Udon Thani", "Phuket", "Patong", "Thung Song"):
        assert any(city in name for name in cities), city
    coordinator = User.objects.get(email="coordinator@thaicity-climate.org")
    assert coordinator.is_coordinator and coordinator.is_staff
    assert coordinator.check_password("climate-2557")
