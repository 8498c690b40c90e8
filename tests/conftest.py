"""Personas shared by every test: anonymous, outsider, member, editor, coordinator.

An *outsider* has a verified account but belongs to no organisation; a *member* belongs to
``organisation``; an *editor* edits ``organisation``; a *coordinator* runs the network.
"""

import pytest
from django.core.cache import cache

from members.models import Membership
from network.celery import app as celery_app

from .factories import MembershipFactory, OrganisationFactory, PersonFactory, UserFactory

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def _isolated(settings):
    """Tests send mail to mail.outbox, run tasks eagerly, and start with an empty cache."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def organisation(db):
    return OrganisationFactory(
        name_th="เทศบาลนครเชียงราย", name_en="Chiang Rai City Municipality", slug="chiang-rai"
    )


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(
        name_th="เทศบาลนครหาดใหญ่",
        name_en="Hat Yai City Municipality",
        slug="hat-yai",
        region="south",
    )


@pytest.fixture
def outsider(db):
    user = UserFactory(email="outsider@example.org")
    PersonFactory(user=user, name_en="Olivia Outsider", name_th="โอลิเวีย คนนอก")
    return user


@pytest.fixture
def member(organisation):
    user = UserFactory(email="member@example.org")
    person = PersonFactory(user=user, name_en="Malee Member", name_th="มาลี สมาชิก")
    MembershipFactory(person=person, organisation=organisation, role=Membership.Role.MEMBER)
    return user


@pytest.fixture
def editor(organisation):
    user = UserFactory(email="editor@example.org")
    person = PersonFactory(user=user, name_en="Ekkachai Editor", name_th="เอกชัย บรรณาธิการ")
    MembershipFactory(person=person, organisation=organisation, role=Membership.Role.EDITOR)
    return user


@pytest.fixture
def coordinator(db):
    user = UserFactory(email="coordinator@example.org", is_coordinator=True, is_staff=True)
    PersonFactory(user=user, name_en="Chanida Coordinator", name_th="ชนิดา ผู้ประสานงาน")
    return user


@pytest.fixture
def client_for(client):
    """``client_for(user)`` → the test client signed in as ``user`` (or anonymous for None)."""

    def login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return login
