"""Send the reminders due now. The beat runs the same code every hour (network.tasks)."""

from django.core.management.base import BaseCommand

from network.reminders import send_reminders

from ._at import parse_at


class Command(BaseCommand):
    help = (
        "Record the event, pledge and report reminders due in the outbox (each once) and send them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--at", help="run as if it were this time (ISO 8601; Asia/Bangkok when naive)"
        )

    def handle(self, *args, at=None, **options):
        self.stdout.write(str(send_reminders(at=parse_at(at))))
