"""The library (resources and their files) and the conversation around it (threads, replies,
comments, flags)."""

from typing import NamedTuple

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.db import connection, models
from django.db.models import Prefetch, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from taggit.managers import TaggableManager

from events.models import Event
from members.models import Organisation, Person, Region, Topic
from network.lib import textlimits
from network.lib.i18n import Localized, current_language
from network.lib.markup import RenderedMarkdownField, RendersMarkdown
from network.lib.storage import private_storage
from network.lib.textlimits import MaxCharsValidator

from .segments import Segmented


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    MEMBERS = "members", _("Members only")


# What a resource card shows (``_resource_card.html``), besides its topics and organisations.
CARD_FIELDS = (
    "kind", "slug", "status", "visibility", "featured", "language", "published_on",
    "title_th", "title_en", "summary_th", "summary_en",
)  # fmt: skip


def readable_visibilities(members: bool) -> list[str]:
    """The visibilities members (or everyone else) may read."""
    return [Visibility.PUBLIC, Visibility.MEMBERS] if members else [Visibility.PUBLIC]


class ResourceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Resource.Status.PUBLISHED)

    def public(self):
        return self.filter(visibility=Visibility.PUBLIC)

    def visible_to(self, user):
        """Published resources ``user`` may read: public ones, and members-only ones for members."""
        from members.access import is_member

        qs = self.published()
        return qs if is_member(user) else qs.public()

    def in_review(self):
        return self.filter(status=Resource.Status.IN_REVIEW)

    def count_published(self, *, members: bool) -> int:
        """How many published resources the audience may read, from ``ResourceTally`` (one row
        per status and visibility) instead of counting the index: the library's unfiltered count
        (28 ms for 86,000 public resources)."""
        tallies = ResourceTally.objects.filter(
            status=Resource.Status.PUBLISHED, visibility__in=readable_visibilities(members)
        )
        return tallies.aggregate(total=Sum("resources", default=0))["total"]

    def published_years(self, *, members: bool) -> list[int]:
        """The years published resources the audience may read came out, newest first.

        Each year is probed through the (status, visibility, published_on) index between the
        first and the last date (themselves two index lookups per visibility), so the cost is
        the number of years, not of resources: a DISTINCT over every resource's year read the
        whole table (130 ms at 100,000 resources)."""
        visibilities = readable_visibilities(members)
        # The SQL is built from constants and the quoted table name only; values are parameters.
        table = connection.ops.quote_name(self.model._meta.db_table)
        each = " UNION ALL ".join(
            f"(SELECT published_on FROM {table} WHERE status = %s AND visibility = %s"  # noqa: S608
            f" AND published_on IS NOT NULL ORDER BY published_on {direction} LIMIT 1)"
            for _visibility in visibilities
            for direction in ("ASC", "DESC")
        )
        probe = " OR ".join(
            f"EXISTS (SELECT 1 FROM {table} WHERE status = %s AND visibility = %s"  # noqa: S608
            " AND published_on >= make_date(y, 1, 1) AND published_on < make_date(y + 1, 1, 1))"
            for _visibility in visibilities
        )
        sql = (
            f"WITH span AS ({each}) SELECT y FROM generate_series("  # noqa: S608
            "(SELECT extract(year FROM min(published_on))::int FROM span),"
            "(SELECT extract(year FROM max(published_on))::int FROM span)) AS y"
            f" WHERE {probe} ORDER BY y DESC"
        )
        published = Resource.Status.PUBLISHED
        params = [v for visibility in visibilities for v in (published, visibility) * 2]
        params += [v for visibility in visibilities for v in (published, visibility)]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]

    def newest_first(self):
        return self.order_by("-published_on", "-pk")

    def for_cards(self):
        """What a resource card shows, in a constant number of queries: not the long texts."""
        from members.models import Organisation

        return self.only(*CARD_FIELDS).prefetch_related(
            "topics", Prefetch("organisations", Organisation.objects.for_links())
        )

    def related_to(self, resource, *, user, topic_ids, limit: int = 4):
        """Up to ``limit`` resources ``user`` may read that share a topic with ``resource``.

        For each topic (a resource has a handful), the most recently added matches, read from the
        (topic, resource) index newest first and stopped after ``limit``: the cost stays the same
        however large the library grows. (A DISTINCT over every resource of those topics, as
        before, read a large part of the table on every uncached resource page.)
        """
        from members.access import is_member

        if not topic_ids:
            return self.none()
        links = Resource.topics.through.objects.filter(resource__status=Resource.Status.PUBLISHED)
        if not is_member(user):
            links = links.filter(resource__visibility=Visibility.PUBLIC)
        links = links.exclude(resource_id=resource.pk).order_by("-resource_id")
        per_topic = [
            links.filter(topic_id=topic_id).values("resource_id")[:limit] for topic_id in topic_ids
        ]
        newest = per_topic[0].union(*per_topic[1:], all=True)
        return self.visible_to(user).filter(pk__in=newest).newest_first()[:limit]


class Section(NamedTuple):
    """One case-study section as a page shows it (Resource.sections())."""

    name: str
    label: str
    html: str
    only_in: str | None  # "th" or "en" when the section exists only in that other language


class Resource(RendersMarkdown, models.Model):
    class Kind(models.TextChoices):
        DOCUMENT = "document", _("Document")
        CASE_STUDY = "case_study", _("Case study")
        GOOD_PRACTICE = "good_practice", _("Good practice")
        RESEARCH = "research", _("Research")
        POLICY_BRIEF = "policy_brief", _("Policy brief")
        TOOLKIT = "toolkit", _("Toolkit or guide")
        NEWS = "news", _("News")
        VIDEO = "video", _("Video")
        LINK = "link", _("Link")
        DATASET = "dataset", _("Dataset")

    class Language(models.TextChoices):
        THAI = "th", _("Thai")
        ENGLISH = "en", _("English")
        BOTH = "both", _("Thai and English")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    STRUCTURED_KINDS = (Kind.CASE_STUDY, Kind.GOOD_PRACTICE)
    SECTIONS = (
        ("context", _("Context")),
        ("climate_risk", _("Climate risk")),
        ("actions", _("What was done")),
        ("outcomes", _("Outcomes")),
        ("lessons", _("Lessons")),
        ("contacts", _("Contacts")),
    )

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.DOCUMENT)
    title_th = models.CharField(
        pgettext_lazy("resource", "title (Thai)"), max_length=250, blank=True
    )
    title_en = models.CharField(
        pgettext_lazy("resource", "title (English)"), max_length=250, blank=True
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=False)
    summary_th = models.TextField(
        _("summary (Thai)"), blank=True, validators=[MaxCharsValidator(textlimits.SHORT)]
    )
    summary_en = models.TextField(
        _("summary (English)"), blank=True, validators=[MaxCharsValidator(textlimits.SHORT)]
    )
    body_th = models.TextField(
        _("text (Thai)"),
        blank=True,
        help_text=_("Markdown."),
        validators=[MaxCharsValidator(textlimits.DOCUMENT)],
    )
    body_en = models.TextField(
        _("text (English)"),
        blank=True,
        help_text=_("Markdown."),
        validators=[MaxCharsValidator(textlimits.DOCUMENT)],
    )
    body_html_th = RenderedMarkdownField(source="body_th")
    body_html_en = RenderedMarkdownField(source="body_en")
    language = models.CharField(
        _("language"), max_length=4, choices=Language.choices, default=Language.THAI
    )
    # Case studies and good practices: the sections readers expect, in Thai and English like the
    # body (sections()).
    context_th = models.TextField(
        _("context (Thai)"),
        blank=True,
        help_text=_("Markdown."),
        validators=[MaxCharsValidator(textlimits.LONG)],
    )
    context_html_th = RenderedMarkdownField(source="context_th")
    context_en = models.TextField(
        _("context (English)"),
        blank=True,
        help_text=_("Markdown."),
        validators=[MaxCharsValidator(textlimits.LONG)],
    )
    context_html_en = RenderedMarkdownField(source="context_en")
    climate_risk_th = models.TextField(
        _("climate risk (Thai)"),
        blank=True,
        help_text=_("Markdown."),
        validators=[MaxCharsValidator(textlimits.LONG)],
    )
    climate_risk_html_th = RenderedMarkdownField(source="climate_risk_th")
    climate_risk_en = models.TextField(
        _("climate risk (English)"),
        blank=True,
        help_text=_("Markdown."),
        validators=[MaxCharsValidator(textlimits.LONG)],
    )
    climate_risk_html_en = RenderedMarkdownField(source="climate_risk_en")
    actions_th = models.TextField(
        _("what was done (Thai)"),
        blank=True,
        help_text=_("Markdown."),
        validators=[MaxCharsValidator(textlimits.LONG)],
    )
    actions_html_th = RenderedMarkdownField(source="actions_th")
    actions_en = models.TextField(
        _("what was done (English)"),
        blank=True,
        help_text=_("Markdown."),
        validators=[MaxCharsValidator(textlimits.LONG)],
    )
    actions_html_en = RenderedMarkdownField(source="actions_en")
    outcomes_th = models.TextField(
        _("outcomes (Thai)"),
        blank=True,
        help_text=_("Markdown."),
        validators=[MaxCharsValidator(textlimits.LONG)],
    )
    outcomes_html_th = RenderedMarkdownField(source="outcomes_th")
    outcomes_en = models.TextField(
        _("outcomes (English)"),
        blank=True,
        help_text=_("Markdown."),
        validators=[MaxCharsValidator(textlimits.LONG)],
    )
    outcomes_html_en = RenderedMarkdownField(source="outcomes_en")
    lessons_th = models.TextField(
        _("lessons (Thai)"),
        blank=True,
        help_text=_("Markdown."),
        validators=[MaxCharsValidator(textlimits.LONG)],
    )
    lessons_html_th = RenderedMarkdownField(source="lessons_th")
    lessons_en = models.TextField(
        _("lessons (English)"),
        blank=True,
        help_text=_("Markdown."),
        validators=[MaxCharsValidator(textlimits.LONG)],
    )
    lessons_html_en = RenderedMarkdownField(source="lessons_en")
    contacts_th = models.TextField(
        _("contacts (Thai)"),
        blank=True,
        help_text=_("Markdown."),
        validators=[MaxCharsValidator(textlimits.LONG)],
    )
    contacts_html_th = RenderedMarkdownField(source="contacts_th")
    contacts_en = models.TextField(
        _("contacts (English)"),
        blank=True,
        help_text=_("Markdown."),
        validators=[MaxCharsValidator(textlimits.LONG)],
    )
    contacts_html_en = RenderedMarkdownField(source="contacts_en")
    external_url = models.URLField(_("web address"), max_length=500, blank=True)
    authors = models.ManyToManyField(
        Person, verbose_name=_("authors"), blank=True, related_name="resources"
    )
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("organisations"), blank=True, related_name="resources"
    )
    cities = models.ManyToManyField(
        Organisation,
        verbose_name=_("cities concerned"),
        blank=True,
        related_name="resources_about",
        limit_choices_to={"kind": Organisation.Kind.MUNICIPALITY},
    )
    regions = ArrayField(
        models.CharField(max_length=16, choices=Region.choices),
        verbose_name=_("regions concerned"),
        default=list,
        blank=True,
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="resources"
    )
    tags = TaggableManager(_("tags"), blank=True)
    event = models.ForeignKey(
        Event,
        verbose_name=_("related event"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resources",
    )
    visibility = models.CharField(
        _("who may read it"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    published_on = models.DateField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_("When the document itself was published; set on publication if empty."),
    )
    featured = models.BooleanField(_("featured"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("posted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resources_posted",
    )
    review_comment = models.TextField(
        _("reviewer's comment"),
        blank=True,
        help_text=_("Why the resource was returned."),
        validators=[MaxCharsValidator(textlimits.MEDIUM)],
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = ResourceQuerySet.as_manager()

    title = Localized("title")
    summary = Localized("summary")
    body = Localized("body")
    body_html = Localized("body_html")

    class Meta:
        ordering = ["-published_on", "-pk"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        constraints = [
            models.CheckConstraint(
                condition=~Q(title_th="") | ~Q(title_en=""), name="resource_has_a_title"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "visibility", "-published_on"]),
            # Members' library (both visibilities) newest first, without sorting every resource.
            models.Index(
                fields=["status", "-published_on", "-id"], name="resource_newest_published"
            ),
            models.Index(fields=["kind"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("knowledge:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC

    @property
    def has_sections(self) -> bool:
        return self.kind in self.STRUCTURED_KINDS

    @classmethod
    def section_fields(cls) -> list[str]:
        """The sections' Markdown fields, Thai then English for each section, in reading order."""
        return [f"{name}_{language}" for name, _label in cls.SECTIONS for language in ("th", "en")]

    def sections(self) -> list["Section"]:
        """The filled case-study sections in reading order, each in the visitor's language.

        A section written only in the other language is shown in that language, marked with it
        (``Section.language``) so the page can say so and set ``lang`` on it.
        """
        here = current_language()
        there = "en" if here == "th" else "th"
        found = []
        for name, label in self.SECTIONS:
            if html := getattr(self, f"{name}_html_{here}"):
                found.append(Section(name, label, html, None))
            elif html := getattr(self, f"{name}_html_{there}"):
                found.append(Section(name, label, html, there))
        return found

    def get_regions_display(self) -> list[str]:
        labels = dict(Region.choices)
        return [labels.get(r, r) for r in self.regions]

    def publish(self, *, by=None) -> None:
        self.status = self.Status.PUBLISHED
        self.review_comment = ""
        self.reviewed_by = by
        if not self.published_on:
            self.published_on = timezone.localdate()


def attachment_path(instance, filename: str) -> str:
    import os
    import uuid

    ext = os.path.splitext(filename)[1].lower()
    return f"{instance.UPLOAD_DIR}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{ext}"


class ResourceTally(models.Model):
    """How many resources are in one status and visibility.

    Kept by triggers on the resource table (migration 0008), so every way a resource is written
    (forms, the admin, imports, ``update()``, raw SQL) keeps it exact, in the writing transaction.
    """

    status = models.CharField(max_length=12, choices=Resource.Status.choices)
    visibility = models.CharField(max_length=10, choices=Visibility.choices)
    resources = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["status", "visibility"], name="one_tally_per_audience")
        ]

    def __str__(self):
        return f"{self.status}/{self.visibility}: {self.resources}"


class StoredFile(models.Model):
    """An uploaded file checked by ``network/lib/uploads.py``, kept outside MEDIA_ROOT and served
    after the permission check of whatever it belongs to."""

    class FileKind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word"
        XLSX = "xlsx", "Excel"
        PPTX = "pptx", "PowerPoint"
        IMAGE = "image", _("Image")

    UPLOAD_DIR = "knowledge"

    file = models.FileField(
        _("file"), upload_to=attachment_path, storage=private_storage, max_length=200
    )
    filename = models.CharField(_("file name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    file_kind = models.CharField(_("file type"), max_length=8, choices=FileKind.choices)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    position = models.PositiveSmallIntegerField(pgettext_lazy("order", "position"), default=0)
    created = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title or self.filename


class Attachment(StoredFile):
    """A file of a resource. Files live outside MEDIA_ROOT and are served after a permission check."""

    resource = models.ForeignKey(
        Resource, verbose_name=_("resource"), on_delete=models.CASCADE, related_name="attachments"
    )
    text = models.TextField(_("extracted text"), blank=True, editable=False)
    text_extracted = models.BooleanField(default=False, editable=False)

    class Meta(StoredFile.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def get_absolute_url(self):
        return reverse("knowledge:attachment", kwargs={"pk": self.pk, "filename": self.filename})


class ThreadQuerySet(models.QuerySet):
    def shown(self):
        return self.filter(is_hidden=False)

    def visible_to(self, user):
        from members.access import is_member

        qs = self.shown()
        return qs if is_member(user) else qs.filter(visibility=Visibility.PUBLIC)


class Thread(RendersMarkdown, models.Model):
    """A discussion started by a member."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("Question")
        IDEA = "idea", _("Idea")
        PARTNERS = "partners", _("Call for partners")
        FUNDING = "funding", _("Funding opportunity")
        ANNOUNCEMENT = "announcement", _("Announcement")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.QUESTION)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("message"), help_text=_("Markdown."), validators=[MaxCharsValidator(textlimits.VERY_LONG)]
    )
    body_html = RenderedMarkdownField(source="body")
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="threads"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="threads",
    )
    visibility = models.CharField(
        _("who may read it"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    is_hidden = models.BooleanField(_("hidden by a coordinator"), default=False)
    reply_count = models.PositiveIntegerField(_("replies"), default=0)
    last_activity = models.DateTimeField(_("last activity"), default=timezone.now)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        ordering = ["-last_activity", "-pk"]
        verbose_name = _("discussion")
        verbose_name_plural = _("discussions")
        indexes = [models.Index(fields=["is_hidden", "visibility", "-last_activity"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("knowledge:thread", kwargs={"pk": self.pk})


class Reply(RendersMarkdown, models.Model):
    thread = models.ForeignKey(
        Thread, verbose_name=_("discussion"), on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="replies",
    )
    body = models.TextField(
        _("reply"), help_text=_("Markdown."), validators=[MaxCharsValidator(textlimits.VERY_LONG)]
    )
    body_html = RenderedMarkdownField(source="body")
    is_helpful = models.BooleanField(_("marked helpful"), default=False)
    is_hidden = models.BooleanField(_("hidden by a coordinator"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")

    def __str__(self):
        return self.body[:60]

    def get_absolute_url(self):
        return f"{self.thread.get_absolute_url()}#reply-{self.pk}"


class Comment(RendersMarkdown, models.Model):
    """A comment on a resource or on an event's report."""

    resource = models.ForeignKey(
        Resource,
        verbose_name=_("resource"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="comments",
    )
    body = models.TextField(
        _("comment"), help_text=_("Markdown."), validators=[MaxCharsValidator(textlimits.LONG)]
    )
    body_html = RenderedMarkdownField(source="body")
    is_hidden = models.BooleanField(_("hidden by a coordinator"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.CheckConstraint(
                condition=Q(resource__isnull=False, event__isnull=True)
                | Q(resource__isnull=True, event__isnull=False),
                name="comment_on_resource_or_event",
            )
        ]

    def __str__(self):
        return self.body[:60]

    def get_absolute_url(self):
        target = self.resource or self.event
        return f"{target.get_absolute_url()}#comment-{self.pk}"


class FlagQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=Flag.Status.OPEN)


class Flag(models.Model):
    """A member's report that a discussion, reply or comment breaks the rules."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        HIDDEN = "hidden", _("Content hidden")
        DISMISSED = "dismissed", _("Dismissed")

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        ABUSE = "abuse", _("Rude or abusive")
        WRONG = "wrong", _("Wrong or misleading")
        PRIVATE = "private", _("Shares private information")
        OTHER = "other", _("Something else")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content = GenericForeignKey("content_type", "object_id")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.CASCADE,
        related_name="flags",
    )
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    note = models.CharField(_("details"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created = models.DateTimeField(_("reported"), auto_now_add=True)

    objects = FlagQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "reporter"],
                condition=Q(status="open"),
                name="flag_once_per_reporter_while_open",
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.content_type.model} #{self.object_id}"

    @property
    def flagged_text(self) -> str:
        """What the reporter objects to: a thread's title and message, or a reply's or comment's text."""
        content = self.content
        if content is None:
            return ""
        if isinstance(content, Thread):
            return f"{content.title}\n\n{content.body}"
        return content.body


# --- Funding calls (/funding/) -------------------------------------------------------------------
# A funding call is content the network publishes: coordinators publish one, members propose one
# and it waits in the review queue like a resource.


class FundingCallQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=FundingCall.Status.PUBLISHED)

    def proposed(self):
        return self.filter(status=FundingCall.Status.PROPOSED)

    def open(self, now=None):
        """Published calls whose deadline has not passed, nearest deadline first."""
        now = now or timezone.now()
        return self.published().filter(deadline__gte=now).order_by("deadline", "pk")

    def closed(self, now=None):
        """Published calls whose deadline has passed, most recently closed first."""
        now = now or timezone.now()
        return self.published().filter(deadline__lt=now).order_by("-deadline", "-pk")

    def for_cards(self):
        """What a call's card shows, in a constant number of queries."""
        return self.prefetch_related("topics")


class FundingCall(RendersMarkdown, models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed, waiting for review")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Not published")

    title_th = models.CharField(
        pgettext_lazy("funding call", "title (Thai)"), max_length=250, blank=True
    )
    title_en = models.CharField(
        pgettext_lazy("funding call", "title (English)"), max_length=250, blank=True
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=False)
    funder = models.CharField(_("funder"), max_length=200)
    programme = models.CharField(pgettext_lazy("funding", "programme"), max_length=200, blank=True)
    description_th = models.TextField(
        _("description (Thai)"),
        blank=True,
        help_text=_("Markdown."),
        validators=[MaxCharsValidator(textlimits.LONG)],
    )
    description_en = models.TextField(
        _("description (English)"),
        blank=True,
        help_text=_("Markdown."),
        validators=[MaxCharsValidator(textlimits.LONG)],
    )
    description_html_th = RenderedMarkdownField(source="description_th")
    description_html_en = RenderedMarkdownField(source="description_en")
    amount_min = models.PositiveBigIntegerField(_("smallest grant (THB)"), null=True, blank=True)
    amount_max = models.PositiveBigIntegerField(_("largest grant (THB)"), null=True, blank=True)
    deadline = models.DateTimeField(
        _("deadline"), help_text=_("When applications close, Thailand time.")
    )
    organisation_kinds = ArrayField(
        models.CharField(max_length=20, choices=Organisation.Kind.choices),
        verbose_name=_("who may apply"),
        default=list,
        blank=True,
        help_text=_("Kinds of organisation that may apply; none means any kind."),
    )
    regions = ArrayField(
        models.CharField(max_length=16, choices=Region.choices),
        verbose_name=_("regions eligible"),
        default=list,
        blank=True,
        help_text=_("None means anywhere in Thailand."),
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="funding_calls"
    )
    language = models.CharField(
        _("language of the application"),
        max_length=4,
        choices=Resource.Language.choices,
        default=Resource.Language.THAI,
    )
    url = models.URLField(_("link to the call"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED
    )
    is_example = models.BooleanField(
        _("example"),
        default=False,
        help_text=_("A made-up call for the demonstration site; the page says it is an example."),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="funding_calls_proposed",
    )
    review_comment = models.TextField(
        _("reviewer's comment"),
        blank=True,
        help_text=_("Why the call was not published."),
        validators=[MaxCharsValidator(textlimits.MEDIUM)],
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = FundingCallQuerySet.as_manager()

    title = Localized("title")
    description = Localized("description")
    description_html = Localized("description_html")

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("funding call")
        verbose_name_plural = _("funding calls")
        constraints = [
            models.CheckConstraint(
                condition=~Q(title_th="") | ~Q(title_en=""), name="funding_call_has_a_title"
            ),
            models.CheckConstraint(
                condition=Q(amount_min__isnull=True)
                | Q(amount_max__isnull=True)
                | Q(amount_min__lte=models.F("amount_max")),
                name="funding_call_amounts_in_order",
            ),
        ]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("funding:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_open(self) -> bool:
        return self.deadline >= timezone.now()

    @property
    def days_left(self) -> int:
        """Whole days from today to the deadline's day, both in Thailand: 0 on the last day."""
        return (timezone.localdate(self.deadline) - timezone.localdate()).days

    def amount_display(self) -> str:
        from django.utils.formats import number_format
        from django.utils.translation import gettext

        def baht(value):
            return number_format(value, force_grouping=True)

        low, high = self.amount_min, self.amount_max
        if low is not None and high is not None:
            if low == high:
                return gettext("%(amount)s baht") % {"amount": baht(low)}
            return gettext("%(low)s–%(high)s baht") % {"low": baht(low), "high": baht(high)}
        if high is not None:
            return gettext("up to %(amount)s baht") % {"amount": baht(high)}
        if low is not None:
            return gettext("from %(amount)s baht") % {"amount": baht(low)}
        return ""

    def publish(self, *, by=None) -> None:
        self.status = self.Status.PUBLISHED
        self.review_comment = ""
        self.reviewed_by = by
        if self.published_at is None:
            self.published_at = timezone.now()

    def get_regions_display(self) -> list[str]:
        labels = dict(Region.choices)
        return [labels.get(r, r) for r in self.regions]

    def get_organisation_kinds_display(self) -> list[str]:
        labels = dict(Organisation.Kind.choices)
        return [labels.get(k, k) for k in self.organisation_kinds]


class FundingCallDocument(StoredFile):
    """A file of a funding call (guidelines, application forms), served after the same
    permission check as the call."""

    UPLOAD_DIR = "funding"

    call = models.ForeignKey(
        FundingCall,
        verbose_name=_("funding call"),
        on_delete=models.CASCADE,
        related_name="documents",
    )

    class Meta(StoredFile.Meta):
        verbose_name = _("document of a funding call")
        verbose_name_plural = _("documents of funding calls")

    def get_absolute_url(self):
        return reverse("funding:document", kwargs={"pk": self.pk, "filename": self.filename})


# --- Surveys: asking members (h12-surveys) --------------------------------------------------------
# A coordinator asks a segment of the network a few questions; each person answers once. An event's
# attendees get a standard feedback survey when it ends (knowledge/surveys.py).


class SurveyQuerySet(models.QuerySet):
    def opened(self, now=None):
        """Surveys that have opened (answerable, or closed since)."""
        return self.filter(opens_at__lte=now or timezone.now())


class Survey(Segmented):
    title_th = models.CharField(_("title (Thai)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    intro_th = models.TextField(
        _("introduction (Thai)"), blank=True, validators=[MaxCharsValidator(textlimits.SHORT)]
    )
    intro_en = models.TextField(
        _("introduction (English)"), blank=True, validators=[MaxCharsValidator(textlimits.SHORT)]
    )
    slug = models.SlugField(_("address"), max_length=90, unique=True)
    opens_at = models.DateTimeField(_("opens"), default=timezone.now)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    anonymous = models.BooleanField(
        _("answers are anonymous"),
        default=True,
        help_text=_("Nobody sees who gave which answer; results show only counts and texts."),
    )
    results_for_respondents = models.BooleanField(
        _("people who answered see the results"),
        default=False,
        help_text=_("Without names when the answers are anonymous."),
    )
    feedback_for = models.OneToOneField(
        Event,
        verbose_name=_("feedback on the event"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="feedback_survey",
        help_text=_("Set on the standard feedback survey sent to an event's attendees."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    invited_at = models.DateTimeField(_("invitations sent"), null=True, blank=True)
    invitations = models.PositiveIntegerField(_("invitations recorded"), default=0)

    title = Localized("title")
    intro = Localized("intro")

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_at", "-pk"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__isnull=True) | Q(closes_at__gt=models.F("opens_at")),
                name="survey_closes_after_it_opens",
            )
        ]

    def __str__(self):
        return self.title_th

    def get_absolute_url(self):
        return reverse("surveys:answer", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        from django.core.exceptions import ValidationError

        if self.closes_at and self.opens_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("A survey closes after it opens.")})

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now and (self.closes_at is None or now < self.closes_at)


class SurveyQuestion(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("One choice")
        MULTIPLE = "multiple", _("Several choices")
        SCALE = "scale", _("Scale from 1 to 5")
        TEXT = "text", _("Short text")

    CHOICE_KINDS = (Kind.SINGLE, Kind.MULTIPLE)

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    text_th = models.CharField(_("question (Thai)"), max_length=300)
    text_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    required = models.BooleanField(_("an answer is required"), default=True)

    text = Localized("text")

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text_th

    @property
    def has_options(self) -> bool:
        return self.kind in self.CHOICE_KINDS


class SurveyOption(models.Model):
    question = models.ForeignKey(
        SurveyQuestion, verbose_name=_("question"), on_delete=models.CASCADE, related_name="options"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    label_th = models.CharField(_("option (Thai)"), max_length=200)
    label_en = models.CharField(_("option (English)"), max_length=200, blank=True)

    label = Localized("label")

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self):
        return self.label_th


class SurveyResponse(models.Model):
    """One person's answers to one survey: at most one per person, kept by the database."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="responses"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="survey_responses",
    )
    created = models.DateTimeField(_("answered"), auto_now_add=True)

    # Answers appear on no cached page: answering does not renew the page cache.
    shown_on_public_pages = False

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="survey_answered_once")
        ]

    def __str__(self):
        return f"{self.survey} – {self.user}"


class SurveyAnswer(models.Model):
    """One answer: a chosen option (one row per option for several choices), a scale value or a
    short text."""

    response = models.ForeignKey(
        SurveyResponse, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        SurveyQuestion, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    option = models.ForeignKey(
        SurveyOption,
        verbose_name=_("option"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="answers",
    )
    value = models.PositiveSmallIntegerField(_("value"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True, validators=[MaxCharsValidator(textlimits.SHORT)])

    shown_on_public_pages = False

    class Meta:
        ordering = ["pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question", "option"],
                condition=Q(option__isnull=False),
                name="survey_option_chosen_once",
            ),
            models.UniqueConstraint(
                fields=["response", "question"],
                condition=Q(option__isnull=True),
                name="survey_value_or_text_once",
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=1, value__lte=5),
                name="survey_scale_from_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.question}: {self.option or self.value or self.text}"
