"""Build the demo network from the handbook's facts. Idempotent: a second run changes nothing."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# Each step owns one app's demo data; later steps may refer to rows made by earlier ones.
STEPS = ["network.demo.members", "network.demo.events", "network.demo.knowledge"]


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
        self.stdout.write(self.style.SUCCESS("Demo network loaded."))
