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


# Under production settings the demo's published password must never open an account.


@pytest.fixture
def production(settings, monkeypatch):
    settings.PRODUCTION = True
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    return settings


def test_load_demo_refuses_to_run_under_production_settings(production, monkeypatch):
    from django.core.management.base import CommandError

    monkeypatch.setenv("DEMO_PASSWORD", "an-operator-chosen-phrase-2568")
    with pytest.raises(CommandError, match="production"):
        call_command("load_demo")
    assert not User.objects.exists()
    assert not Organisation.objects.exists()


@pytest.mark.parametrize("password", [None, "climate-2557", "12345678"])
def test_forced_under_production_it_still_refuses_the_default_or_a_weak_password(
    production, monkeypatch, password
):
    from django.core.management.base import CommandError

    if password is not None:
        monkeypatch.setenv("DEMO_PASSWORD", password)
    with pytest.raises(CommandError, match="DEMO_PASSWORD"):
        call_command("load_demo", "--force")
    assert not User.objects.exists()


def test_forced_under_production_with_an_own_password_no_account_takes_the_published_one(
    production, monkeypatch, capsys
):
    monkeypatch.setenv("DEMO_PASSWORD", "an-operator-chosen-phrase-2568")
    call_command("load_demo", "--force")
    coordinator = User.objects.get(email="coordinator@thaicity-climate.org")
    assert coordinator.check_password("an-operator-chosen-phrase-2568")
    assert not any(user.check_password("climate-2557") for user in User.objects.all())
    out = capsys.readouterr().out
    assert "an-operator-chosen-phrase-2568" not in out
    assert "Demo coordinator: coordinator@thaicity-climate.org" in out
