import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Rewrite the recognition points ledger, levels and badges from the activity records."

    def handle(self, *args, **options):
        from network.recognition.points import rebuild

        started = time.monotonic()
        done = rebuild()
        self.stdout.write(
            f"{done['contributions']} contributions, {done['points']} points: "
            f"{done['people']} people and {done['organisations']} organisations ranked "
            f"in {time.monotonic() - started:.1f} s"
        )
