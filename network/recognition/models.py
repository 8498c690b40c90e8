"""The points ledger and standings (both rebuilt from the records) and hand-awarded honours."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from network.lib.i18n import Localized

from .rules import Action, Badge

ONE_RECIPIENT = Q(person__isnull=False, organisation__isnull=True) | Q(
    person__isnull=True, organisation__isnull=False
)


class Contribution(models.Model):
    """One line of the points ledger: who earned how many points for which record.

    The ledger is derived data: ``manage.py rebuild_recognition`` deletes and rewrites it from the
    apps' records, so it can never drift from what actually happened.
    """

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
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    points = models.PositiveSmallIntegerField(_("points"))
    occurred_at = models.DateTimeField(_("when"))
    # The record the points come from, as "app.model:pk", so every point can be audited.
    source = models.CharField(_("source record"), max_length=60)

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions (points ledger)")
        constraints = [
            models.CheckConstraint(condition=ONE_RECIPIENT, name="contribution_one_recipient")
        ]
        indexes = [models.Index(fields=["person"]), models.Index(fields=["organisation"])]

    def __str__(self):
        return f"{self.person or self.organisation}: +{self.points} {self.get_action_display()}"


class StandingQuerySet(models.QuerySet):
    def people(self):
        return self.filter(person__isnull=False)

    def organisations(self):
        return self.filter(organisation__isnull=False)

    def on_roll(self):
        """Standings shown on the public honour roll: a level reached, visible recipients only.

        People who chose to show their details to nobody and organisations not listed in the
        directory stay off the roll.
        """
        from members.models import Organisation, Person

        return self.filter(level__gt=0).filter(
            Q(person__isnull=False) & ~Q(person__contact_visibility=Person.ContactVisibility.HIDDEN)
            | Q(organisation__status__in=[Organisation.Status.ACTIVE, Organisation.Status.ALUMNI])
        )


class Standing(models.Model):
    """A person's or organisation's total points, level and badges at the last rebuild."""

    person = models.OneToOneField(
        "members.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="standing",
    )
    organisation = models.OneToOneField(
        "members.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="standing",
    )
    points = models.PositiveIntegerField(_("points"), default=0)
    level = models.PositiveSmallIntegerField(_("level"), default=0)
    badges = ArrayField(
        models.CharField(max_length=24, choices=Badge.choices),
        verbose_name=_("badges"),
        default=list,
        blank=True,
    )
    computed_at = models.DateTimeField(_("computed at"))

    objects = StandingQuerySet.as_manager()

    class Meta:
        ordering = ["-points", "pk"]
        verbose_name = _("standing")
        verbose_name_plural = _("standings")
        constraints = [
            models.CheckConstraint(condition=ONE_RECIPIENT, name="standing_one_recipient")
        ]
        indexes = [models.Index(fields=["level", "-points"])]

    def __str__(self):
        return f"{self.person or self.organisation}: {self.points}"


class HonourQuerySet(models.QuerySet):
    def public(self):
        """Honours shown publicly: not those of people who chose to show their details to nobody."""
        from members.models import Organisation, Person

        return self.filter(
            Q(person__isnull=False) & ~Q(person__contact_visibility=Person.ContactVisibility.HIDDEN)
            | Q(organisation__status__in=[Organisation.Status.ACTIVE, Organisation.Status.ALUMNI])
        )


class Honour(models.Model):
    """An honour a coordinator awards by hand, with a citation (the handbook's plaques and pins)."""

    class Kind(models.TextChoices):
        PLAQUE = "plaque", _("Plaque of honour")
        PIN = "pin", _("Pin of honour")
        CERTIFICATE = "certificate", _("Certificate of recognition")
        CITATION = "citation", _("Public citation")

    person = models.ForeignKey(
        "members.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="honours",
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="honours",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.PLAQUE)
    title_th = models.CharField(_("title (Thai)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    citation_th = models.TextField(_("citation (Thai)"))
    citation_en = models.TextField(_("citation (English)"), blank=True)
    awarded_on = models.DateField(_("awarded on"))
    awarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("awarded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The demo network's honours are illustrations: the handbook names no such awards. Pages mark
    # them "Example for the demo" so nobody takes them for real ones.
    is_example = models.BooleanField(
        _("example for the demo"),
        default=False,
        help_text=_(
            "Made by the demo loader to show what honours look like; pages mark it as an example."
        ),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    objects = HonourQuerySet.as_manager()

    title = Localized("title")
    citation = Localized("citation")

    class Meta:
        ordering = ["-awarded_on", "-pk"]
        verbose_name = _("honour")
        verbose_name_plural = _("honours")
        constraints = [
            models.CheckConstraint(
                condition=ONE_RECIPIENT,
                name="honour_one_recipient",
                violation_error_message=_("Choose either a person or an organisation."),
            )
        ]

    def __str__(self):
        return f"{self.title} – {self.person or self.organisation}"

    def get_absolute_url(self):
        return reverse("recognition:roll") + f"#honour-{self.pk}"

    @property
    def recipient(self):
        return self.person or self.organisation
