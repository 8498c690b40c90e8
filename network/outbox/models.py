"""One row per e-mail and recipient, and each member's e-mail preferences."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from knowledge.segments import Segmented
from members.models import Region, Topic
from network.lib.i18n import Localized


class OutboxMessageQuerySet(models.QuerySet):
    def due(self, now):
        """Rows a worker may claim: queued or retrying and due, or stuck in sending past expiry."""
        return self.filter(
            models.Q(state__in=[OutboxMessage.State.QUEUED, OutboxMessage.State.RETRYING])
            & models.Q(next_attempt_at__lte=now)
            | models.Q(state=OutboxMessage.State.SENDING, claimed_until__lt=now)
        )


class OutboxMessage(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        RETRYING = "retrying", _("Retrying")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=80, db_index=True)
    recipient = models.EmailField(_("recipient"), max_length=254)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    about = GenericForeignKey("content_type", "object_id")
    # "app_label.model:pk" or "": part of the idempotency key (NULLs would never collide).
    about_key = models.CharField(max_length=120, blank=True, editable=False)
    period = models.CharField(_("period"), max_length=64, blank=True)
    bulk = models.BooleanField(_("bulk"), default=False)
    from_email = models.CharField(_("from"), max_length=254)
    subject = models.CharField(_("subject"), max_length=998)
    body_text = models.TextField(_("plain text"))
    body_html = models.TextField(_("HTML"))
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    reply_to = ArrayField(models.CharField(max_length=254), default=list, blank=True)
    # [[filename, base64 content, mimetype], …]
    attachments = models.JSONField(default=list, blank=True)

    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    last_error = models.TextField(_("reason of the last failure"), blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "about_key", "period"], name="outbox_idempotency_key"
            )
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(state__in=["queued", "retrying", "sending"]),
                name="outbox_pending_idx",
            )
        ]

    def __str__(self):
        return f"{self.kind} → {self.recipient}"


class Frequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")
    NEVER = "never", _("Never")


class EmailPreferences(models.Model):
    """What a member wants to hear about. Missing row = the defaults below."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="email_preferences",
    )
    digest = models.CharField(
        _("digest"), max_length=8, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics of interest"), blank=True, related_name="+"
    )
    regions = ArrayField(
        models.CharField(max_length=16, choices=Region.choices),
        verbose_name=_("regions of interest"),
        default=list,
        blank=True,
    )
    replies = models.BooleanField(_("replies to my posts and threads"), default=True)
    join_requests = models.BooleanField(_("requests to join my organisation"), default=True)
    event_changes = models.BooleanField(_("changes to events I registered for"), default=True)
    review_results = models.BooleanField(_("results of the review of my resources"), default=True)
    reminders = models.BooleanField(_("reminders (events, pledges and reports)"), default=True)
    announcements = models.BooleanField(_("announcements from the coordinators"), default=True)
    # Kinds unsubscribed with one click that have no switch of their own.
    muted_kinds = ArrayField(models.CharField(max_length=80), default=list, blank=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("e-mail preferences")
        verbose_name_plural = _("e-mail preferences")

    def __str__(self):
        return str(self.user)


class Suppression(models.Model):
    """An address without an account that unsubscribed from one kind of bulk e-mail."""

    address = models.EmailField(_("address"))
    kind = models.CharField(_("kind"), max_length=80)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppressed addresses")
        constraints = [models.UniqueConstraint(fields=["address", "kind"], name="suppression_once")]

    def __str__(self):
        return f"{self.address} ({self.kind})"


class Announcement(Segmented):
    """A message from the coordinators to a segment of the network, in Thai and English."""

    title_th = models.CharField(_("title (Thai)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    body_th = models.TextField(_("message (Thai)"))
    body_en = models.TextField(_("message (English)"), blank=True)
    publish_as_news = models.BooleanField(_("also publish as news on the site"), default=False)
    news = models.ForeignKey(
        "knowledge.Resource",
        verbose_name=_("published as"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    recipients = models.PositiveIntegerField(_("e-mails recorded"), default=0)

    title = Localized("title")
    body = Localized("body")

    class Meta:
        ordering = ["-created"]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")

    def __str__(self):
        return self.title_th
