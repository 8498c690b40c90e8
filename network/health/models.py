"""What the health computation stores, and the record that keeps nudges to one per period."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class HealthSnapshotQuerySet(models.QuerySet):
    def latest_for_page(self):
        """The newest snapshot without its (large) graph: what the dashboard renders."""
        return self.defer("graph").order_by("-computed_at", "-pk").first()


class HealthSnapshot(models.Model):
    """The network's health figures as computed at ``computed_at`` (see docs/network-health.md)."""

    computed_at = models.DateTimeField(_("computed at"), db_index=True)
    duration_ms = models.PositiveIntegerField(_("computation time (ms)"), default=0)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    figures = models.JSONField(_("figures"), default=dict)
    # Nodes and weighted ties of the organisations' graph, for the picture and the exports.
    graph = models.JSONField(_("tie graph"), default=dict)

    objects = HealthSnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["-computed_at", "-pk"]
        verbose_name = _("network health snapshot")
        verbose_name_plural = _("network health snapshots")

    def __str__(self):
        return f"{self.computed_at:%Y-%m-%d %H:%M} · {self.summary}"


class Nudge(models.Model):
    """A personal e-mail a coordinator sent to a quiet person or organisation, once per period."""

    person = models.ForeignKey(
        "members.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    period = models.CharField(_("period"), max_length=10, help_text=_("A quarter, e.g. 2026-Q4."))
    recipient = models.EmailField(_("sent to"), blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("nudge")
        verbose_name_plural = _("nudges")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, organisation__isnull=True)
                | Q(person__isnull=True, organisation__isnull=False),
                name="nudge_person_or_organisation",
            ),
            models.UniqueConstraint(
                fields=["person", "period"],
                condition=Q(person__isnull=False),
                name="nudge_person_once_per_period",
            ),
            models.UniqueConstraint(
                fields=["organisation", "period"],
                condition=Q(organisation__isnull=False),
                name="nudge_organisation_once_per_period",
            ),
        ]

    def __str__(self):
        return f"{self.person or self.organisation} · {self.period}"
