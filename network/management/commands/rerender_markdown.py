"""Render the stored HTML of every Markdown field again (after the renderer or sanitiser changes)."""

from django.apps import apps
from django.core.management.base import BaseCommand

from network.lib.markup import rendered_fields, rerender


class Command(BaseCommand):
    help = "Render every Markdown field's stored HTML again, in batches."

    def handle(self, *args, **options):
        for model in apps.get_models():
            if rendered_fields(model):
                count = rerender(model)
                self.stdout.write(f"{model._meta.label}: {count} rows")
