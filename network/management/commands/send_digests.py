"""Send the digests due for one frequency. The beat runs the same code (network.tasks)."""

from django.core.management.base import BaseCommand

from network.digests import send_digests
from network.outbox.models import Frequency

from ._at import parse_at


class Command(BaseCommand):
    help = "Record this period's digests in the outbox (once per member and period) and send them."

    def add_arguments(self, parser):
        parser.add_argument(
            "--frequency",
            required=True,
            choices=[Frequency.DAILY, Frequency.WEEKLY, Frequency.MONTHLY],
        )
        parser.add_argument(
            "--at", help="run as if it were this time (ISO 8601; Asia/Bangkok when naive)"
        )

    def handle(self, *args, frequency, at=None, **options):
        outcome = send_digests(frequency=frequency, at=parse_at(at))
        self.stdout.write(str(outcome))
