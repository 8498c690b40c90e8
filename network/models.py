"""The project's own tables. Only the benchmark's baseline lives here for now."""

from django.db import models


class Fortune(models.Model):
    """A row of the TechEmpower "fortunes" baseline page, served only when ``BENCH_VIEWS=1``."""

    message = models.CharField(max_length=2048)

    def __str__(self):
        return self.message


from .outbox.models import (  # noqa: E402
    Announcement,
    EmailPreferences,
    OutboxMessage,
    Suppression,
)

__all__ = ["Announcement", "EmailPreferences", "Fortune", "OutboxMessage", "Suppression"]
