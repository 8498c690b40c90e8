"""The project's own tables. Only the benchmark's baseline lives here for now."""

from django.db import models


class Fortune(models.Model):
    """A row of the TechEmpower "fortunes" baseline page, served only when ``BENCH_VIEWS=1``."""

    message = models.CharField(max_length=2048)

    def __str__(self):
        return self.message


# The outbox, network health and recognition keep their models in their own packages (same app).
from .health.models import HealthSnapshot, Nudge  # noqa: E402
from .outbox.models import (  # noqa: E402
    Announcement,
    EmailPreferences,
    OutboxMessage,
    Suppression,
)
from .recognition.models import Contribution, Honour, Standing  # noqa: E402

__all__ = [
    "Announcement",
    "Contribution",
    "EmailPreferences",
    "Fortune",
    "HealthSnapshot",
    "Honour",
    "Nudge",
    "OutboxMessage",
    "Standing",
    "Suppression",
]
