"""Build the demo network from the handbook's facts. Idempotent: a second run changes nothing.

The demo makes a staff coordinator and editor accounts whose password is published (README,
the coordinators' guide). Under production settings it refuses to run unless ``--force``, and
even then only with a password of the operator's own in ``DEMO_PASSWORD``, never the default.
"""

import os
from importlib import import_module

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

DEFAULT_PASSWORD = "climate-2557"  # noqa: S105 - the published demo password, refused in production

# Each step owns one app's demo data; later steps may refer to rows made by earlier ones.
STEPS = [
    "network.demo.members",
    "network.demo.advisers",
    "network.demo.events",
    "network.demo.knowledge",
    "network.demo.projects",
    "network.demo.funding",
    "network.demo.emails",
    "network.demo.recognition",  # computed from what the others made
    "network.demo.surveys",  # after recognition, which records who attended the past events
]


class Command(BaseCommand):
    help = "Load the demo network (cities, organisations, people, events, resources)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run under production settings (DJANGO_ENV=production) too; needs DEMO_PASSWORD.",
        )

    def handle(self, *args, **options):
        password = demo_password(force=options["force"])
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
        email = ensure_demo_coordinator(password)
        self.stdout.write(self.style.SUCCESS("Demo network loaded."))
        # A password of the operator's own is not written to a production log.
        shown = "(password from DEMO_PASSWORD)" if settings.PRODUCTION else password
        self.stdout.write(f"Demo coordinator: {email} / {shown}  (admin at /admin/)")


def demo_password(*, force: bool = False) -> str:
    """The demo accounts' password (``DEMO_PASSWORD``); raises CommandError where it is unsafe."""
    password = os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD
    if not settings.PRODUCTION:
        return password
    if not force:
        raise CommandError(
            "load_demo creates a staff coordinator with a published password: it does not run "
            "under production settings (DJANGO_ENV=production). Use --force with your own "
            "DEMO_PASSWORD if you really want demo data here."
        )
    if password == DEFAULT_PASSWORD:
        raise CommandError(
            "Under production settings set DEMO_PASSWORD to a password of your own: "
            "the default one is published."
        )
    try:
        validate_password(password)
    except ValidationError as exc:
        raise CommandError("DEMO_PASSWORD is too weak: " + " ".join(exc.messages)) from exc
    return password


def ensure_demo_coordinator(password: str) -> str:
    """A coordinator to sign in with after `make run`."""
    from allauth.account.models import EmailAddress

    from members.models import Person, User

    email = os.environ.get("DEMO_COORDINATOR_EMAIL", "coordinator@thaicity-climate.org")
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
    return email
