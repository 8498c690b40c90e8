from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compute the network health figures now, store them, and print a one-line summary."

    def handle(self, *args, **options):
        from network.health.compute import compute_and_store

        self.stdout.write(compute_and_store().summary)
