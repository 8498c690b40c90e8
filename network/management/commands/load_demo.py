"""Build the demo network from the handbook's facts. Idempotent: a second run changes nothing."""

import os
from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# Each step owns one app's demo data; later steps may refer to rows made by earlier ones.
STEPS = [
    "network.demo.members",
    "network.demo.events",
    "network.demo.knowledge",
    "network.demo.recognition",  # last: computed from what the others made
]


class Command(BaseCommand):
    help = "Load the demo network (cities, organisations, people, events, resources)."

    def handle(self, *args, **options):
        for name in STEPS:
            try:
                module = import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name != name:
                    raise
                continue
            with transaction.atomic():
                summary = module.load()
            self.stdout.write(f"{name.rsplit('.', 1)[-1]}: {summary}")
        email, password = ensure_demo_coordinator()
        self.stdout.write(self.style.SUCCESS("Demo network loaded."))
        self.stdout.write(f"Demo coordinator: {email} / {password}  (admin at /admin/)")


def ensure_demo_coordinator() -> tuple[str, str]:
    """A coordinator to sign in with after `make run`; the password comes from DEMO_PASSWORD."""
    from allauth.account.models import EmailAddress

    from members.models import Person, User

    email = os.environ.get("DEMO_COORDINATOR_EMAIL", "coordinator@thaicity-climate.org")
    password = os.environ.get("DEMO_PASSWORD", "climate-2557")
    user, created = User.objects.get_or_create(
        email=email, defaults={"is_staff": True, "is_coordinator": True, "first_name": "Demo"}
    )
    if created:
        user.set_password(password)
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    Person.objects.get_or_create(
        user=user,
        defaults={
            "name_th": "ผู้ประสานงานเครือข่าย",
            "name_en": "Network coordinator",
            "position": "TEI",
        },
    )
    return email, password
