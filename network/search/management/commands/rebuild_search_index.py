from django.core.management.base import BaseCommand

from network.search.index import rebuild


class Command(BaseCommand):
    help = "Index every resource, discussion, event and organisation again (Thai segmented)."

    def handle(self, *args, **options):
        total = rebuild()
        self.stdout.write(self.style.SUCCESS(f"{total} entries indexed."))
