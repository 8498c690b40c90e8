"""Who is in the network: accounts, organisations (cities among them), people and memberships."""

import os
import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Func, Q, Value
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from taggit.managers import TaggableManager

from network.lib import textlimits
from network.lib.i18n import Localized, localized
from network.lib.markup import RenderedMarkdownField, RendersMarkdown
from network.lib.storage import private_storage
from network.lib.textlimits import MaxCharsValidator


class Region(models.TextChoices):
    """The five regions of Thailand's usual division, plus East/West, plus Bangkok."""

    NORTH = "north", _("North")
    NORTHEAST = "northeast", _("Northeast")
    CENTRAL = "central", _("Central")
    EAST = "east", _("East")
    WEST = "west", _("West")
    SOUTH = "south", _("South")
    BANGKOK = "bangkok", _("Bangkok")


class UserManager(DjangoUserManager):
    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractUser):
    """An account. Its person-facing profile is :class:`Person`."""

    class Role(models.TextChoices):
        PUBLIC = "public", _("Public")
        MEMBER = "member", _("Member")
        EDITOR = "editor", _("Organisation editor")
        COORDINATOR = "coordinator", _("Coordinator")
        SUPERUSER = "superuser", _("Superuser")

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    is_coordinator = models.BooleanField(
        _("coordinator"),
        default=False,
        help_text=_("Network coordinators manage events, memberships and moderation."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self):
        return self.email


class Province(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    region = models.CharField(_("region"), max_length=16, choices=Region.choices)

    name = Localized("name")

    class Meta:
        ordering = ["name_th"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self):
        return self.name


class Topic(models.Model):
    """The controlled list of topics shared by member expertise, events and the library."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    name = Localized("name")

    class Meta:
        ordering = ["position", "name_en"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name


class Programme(models.Model):
    """A programme members took part in, e.g. ACCCRN (2010–2016) or M-BRACE (2011–2013)."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description_th = models.TextField(
        _("description (Thai)"), blank=True, validators=[MaxCharsValidator(textlimits.MEDIUM)]
    )
    description_en = models.TextField(
        _("description (English)"), blank=True, validators=[MaxCharsValidator(textlimits.MEDIUM)]
    )
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True)

    description = Localized("description")

    class Meta:
        ordering = ["start_year", "name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self):
        return self.name


class Hazard(models.TextChoices):
    """Climate hazards a city faces (its climate profile)."""

    FLOOD = "flood", _("Flood")
    DROUGHT = "drought", _("Drought")
    HEAT = "heat", _("Heat")
    STORM = "storm", _("Storm")
    SEA_LEVEL = "sea_level", _("Sea-level rise and coastal erosion")
    LANDSLIDE = "landslide", _("Landslide")
    SALTWATER = "saltwater", _("Saltwater intrusion")
    AIR_POLLUTION = "air_pollution", _("Air pollution")


def name_key(value: str) -> str:
    """A name compared case- and space-insensitively: "Hat  Yai City" == "hatyai city"."""
    return "".join((value or "").split()).lower()


class _NameKey(Func):
    # regexp_replace(lower(name), '\s+', '', 'g'): the database side of ``name_key``.
    function = "regexp_replace"

    def __init__(self, field):
        super().__init__(Lower(field), Value(r"\s+"), Value(""), Value("g"))


class OrganisationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Organisation.Status.ACTIVE)

    def listed(self):
        """Organisations shown in the directory and on the map: active members and alumni."""
        return self.filter(status__in=[Organisation.Status.ACTIVE, Organisation.Status.ALUMNI])

    def cities(self):
        return self.filter(kind=Organisation.Kind.MUNICIPALITY)

    def search(self, text: str):
        """Thai or English name, or acronym, containing ``text``."""
        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(name_th__icontains=text) | Q(name_en__icontains=text) | Q(short_name__icontains=text)
        )

    def with_hazard(self, hazard: str):
        return self.filter(hazards__contains=[hazard])

    def same_name_as(self, name: str):
        """Organisations whose Thai or English name equals ``name`` ignoring case and spaces."""
        key = name_key(name)
        if not key:
            return self.none()
        return self.alias(key_th=_NameKey("name_th"), key_en=_NameKey("name_en")).filter(
            Q(key_th=key) | Q(key_en=key)
        )

    def on_map(self):
        return self.filter(latitude__isnull=False, longitude__isnull=False)

    def for_links(self):
        """What a link to an organisation shows (its name, its address): not its long texts."""
        return self.only("kind", "name_th", "name_en", "short_name", "slug", "status")


class Organisation(RendersMarkdown, models.Model):
    """A member of the network: a city, an agency, a university, a company, an NGO, a community…"""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        LOCAL_ADMIN = "local_admin", _("Provincial or local administration")
        GOVERNMENT = "government", _("Central government agency")
        ACADEMIC = "academic", _("University or research institute")
        PRIVATE = "private", _("Private company")
        NGO = "ngo", _("NGO or civil-society group")
        COMMUNITY = "community", _("Community group")
        INTERNATIONAL = "international", _("International organisation or donor")
        NETWORK = "network", _("Partner network")

    class MunicipalityLevel(models.TextChoices):
        CITY = "city", _("City municipality")
        TOWN = "town", _("Town municipality")
        SUBDISTRICT = "subdistrict", _("Subdistrict municipality")

    class Status(models.TextChoices):
        APPLICANT = "applicant", _("Applicant")
        ACTIVE = "active", _("Active")
        ALUMNI = "alumni", _("Alumni")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    municipality_level = models.CharField(
        _("municipality level"), max_length=12, choices=MunicipalityLevel.choices, blank=True
    )
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    short_name = models.CharField(_("short name or acronym"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
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
    region = models.CharField(_("region"), max_length=16, choices=Region.choices, blank=True)
    province = models.ForeignKey(
        Province,
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    address = models.TextField(
        _("address"), blank=True, validators=[MaxCharsValidator(textlimits.SHORT)]
    )
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    facebook = models.URLField(_("Facebook page"), blank=True)
    line_id = models.CharField(_("LINE official account"), max_length=60, blank=True)
    x_handle = models.CharField(_("X account"), max_length=60, blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE
    )
    joined_on = models.DateField(_("date joined"), null=True, blank=True)
    programmes = models.ManyToManyField(
        Programme, verbose_name=_("programmes"), blank=True, related_name="organisations"
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics of expertise"), blank=True, related_name="organisations"
    )
    # The city climate profile (municipalities).
    hazards = ArrayField(
        models.CharField(max_length=20, choices=Hazard.choices),
        verbose_name=_("hazards faced"),
        default=list,
        blank=True,
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    resilience_plans = models.TextField(
        _("resilience plans and strategies"),
        blank=True,
        help_text=_("Markdown. Name the plans and link to them in the library."),
        validators=[MaxCharsValidator(textlimits.LONG)],
    )
    resilience_plans_html = RenderedMarkdownField(source="resilience_plans")
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    name = Localized("name")
    description = Localized("description")
    description_html = Localized("description_html")

    class Meta:
        ordering = ["name_th"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True)
                | models.Q(latitude__gte=5, latitude__lte=21),
                name="organisation_latitude_in_thailand",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True)
                | models.Q(longitude__gte=97, longitude__lte=106),
                name="organisation_longitude_in_thailand",
            ),
        ]
        indexes = [models.Index(fields=["kind", "status"]), models.Index(fields=["region"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("members:organisation", kwargs={"slug": self.slug})

    @property
    def is_city(self) -> bool:
        return self.kind == self.Kind.MUNICIPALITY

    @property
    def is_listed(self) -> bool:
        return self.status in (self.Status.ACTIVE, self.Status.ALUMNI)

    def get_hazards_display(self) -> list[str]:
        labels = dict(Hazard.choices)
        return [labels.get(h, h) for h in self.hazards]


class SpokenLanguage(models.TextChoices):
    THAI = "th", _("Thai")
    ENGLISH = "en", _("English")
    OTHER = "other", _("Other")


class Person(RendersMarkdown, models.Model):
    """A person in the network. ``user`` is empty for people known to the network without an account."""

    class Honorific(models.TextChoices):
        NONE = "", _("(none)")
        MR = "mr", _("Mr")
        MRS = "mrs", _("Mrs")
        MS = "ms", _("Ms")
        DR = "dr", _("Dr")
        ASST_PROF = "asst_prof", _("Asst. Prof.")
        ASSOC_PROF = "assoc_prof", _("Assoc. Prof.")
        PROF = "prof", _("Prof.")

    class ContactVisibility(models.TextChoices):
        MEMBERS = "members", _("Members of the network")
        PUBLIC = "public", _("Everyone")
        HIDDEN = "hidden", _("Nobody")

    user = models.OneToOneField(
        User,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    honorific = models.CharField(
        _("honorific"), max_length=12, choices=Honorific.choices, blank=True
    )
    name_th = models.CharField(_("name (Thai)"), max_length=150, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    bio = models.TextField(
        _("bio"),
        blank=True,
        help_text=_("Markdown."),
        validators=[MaxCharsValidator(textlimits.MEDIUM)],
    )
    bio_html = RenderedMarkdownField(source="bio")
    photo = models.ImageField(_("photo"), upload_to="people/", blank=True)
    expertise = models.ManyToManyField(
        Topic, verbose_name=_("expertise"), blank=True, related_name="people"
    )
    # Advisers (issue 12): a person may offer advice to other members of the network.
    is_adviser = models.BooleanField(
        _("willing to advise"),
        default=False,
        help_text=_(
            "Members may ask you for advice through the portal; your e-mail address is not shown "
            "to them."
        ),
    )
    expertise_tags = TaggableManager(
        _("more areas of expertise"),
        blank=True,
        help_text=_("Separate tags with commas."),
    )
    speaks = ArrayField(
        models.CharField(max_length=8, choices=SpokenLanguage.choices),
        verbose_name=_("languages"),
        default=list,
        blank=True,
    )
    languages = models.CharField(
        _("other languages"),
        max_length=120,
        blank=True,
        help_text=_("Name them, e.g. Lao, Malay, Japanese."),
    )
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    line_id = models.CharField(_("LINE ID"), max_length=60, blank=True)
    contact_visibility = models.CharField(
        _("who may see my contact details"),
        max_length=10,
        choices=ContactVisibility.choices,
        default=ContactVisibility.MEMBERS,
    )
    language = models.CharField(
        _("language for e-mail"), max_length=5, choices=settings.LANGUAGES, default="th"
    )
    organisations = models.ManyToManyField(
        Organisation, through="Membership", related_name="people", blank=True
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    name = Localized("name")

    class Meta:
        ordering = ["name_th", "name_en"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.name or (self.user.email if self.user_id else str(self.pk))

    def get_absolute_url(self):
        return reverse("members:person", kwargs={"pk": self.pk})

    def get_speaks_display(self) -> list[str]:
        labels = dict(SpokenLanguage.choices)
        return [labels.get(code, code) for code in self.speaks]


class Membership(models.Model):
    """A person belongs to an organisation; editors may change the organisation and its people."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        EDITOR = "editor", _("Editor")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    is_focal_point = models.BooleanField(
        _("focal point"),
        default=False,
        help_text=_("The person others contact first about this organisation's climate work."),
    )
    created = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation"], name="membership_person_org_unique"
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.organisation} ({self.get_role_display()})"


class NetworkGroupQuerySet(models.QuerySet):
    def structure(self):
        """Groups with their lead and listed organisations, for pages that draw the network."""
        listed = Organisation.objects.listed().select_related("province").order_by("name_th")
        return self.select_related("lead").prefetch_related(
            models.Prefetch("organisations", queryset=listed)
        )


class NetworkGroup(models.Model):
    """Part of the network's structure: a regional coordination centre or a sub-network."""

    class Kind(models.TextChoices):
        REGIONAL_CENTRE = "regional_centre", _("Regional coordination centre")
        ACADEMIC = "academic", _("Academic sub-network")
        COMMUNITY = "community", _("Community sub-network")
        POLICY = "policy", _("Policy sub-network")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_th = models.TextField(
        _("description (Thai)"), blank=True, validators=[MaxCharsValidator(textlimits.MEDIUM)]
    )
    description_en = models.TextField(
        _("description (English)"), blank=True, validators=[MaxCharsValidator(textlimits.MEDIUM)]
    )
    region = models.CharField(_("region"), max_length=16, choices=Region.choices, blank=True)
    lead = models.ForeignKey(
        Organisation,
        verbose_name=_("lead organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_groups",
    )
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("organisations"), blank=True, related_name="network_groups"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = NetworkGroupQuerySet.as_manager()

    name = Localized("name")
    description = Localized("description")

    class Meta:
        ordering = ["kind", "position", "name_th"]
        verbose_name = _("network group")
        verbose_name_plural = _("network groups")

    def __str__(self):
        return self.name


class JoinRequestQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=JoinRequest.Status.PENDING)

    def proposing(self, name: str):
        """Proposals of a new organisation whose Thai or English name equals ``name`` ignoring
        case and spaces (as ``Organisation.objects.same_name_as``)."""
        key = name_key(name)
        if not key:
            return self.none()
        return (
            self.filter(organisation__isnull=True)
            .alias(key_th=_NameKey("proposed_name_th"), key_en=_NameKey("proposed_name_en"))
            .filter(Q(key_th=key) | Q(key_en=key))
        )

    def decidable_by(self, user):
        """Requests ``user`` may decide: all for coordinators, their organisations' for editors."""
        from .access import is_coordinator

        if is_coordinator(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            organisation__memberships__person__user=user,
            organisation__memberships__role=Membership.Role.EDITOR,
        )


class JoinRequest(models.Model):
    """A signed-in person asks to join an organisation, or proposes a new one to coordinators."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="join_requests"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="join_requests",
        help_text=_("Empty when the person proposes a new organisation."),
    )
    proposed_name_th = models.CharField(_("proposed name (Thai)"), max_length=200, blank=True)
    proposed_name_en = models.CharField(_("proposed name (English)"), max_length=200, blank=True)
    proposed_kind = models.CharField(
        _("proposed kind"), max_length=20, choices=Organisation.Kind.choices, blank=True
    )
    proposed_province = models.ForeignKey(
        Province,
        verbose_name=_("proposed province"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    message = models.TextField(
        _("message"), blank=True, validators=[MaxCharsValidator(textlimits.SHORT)]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        User,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    objects = JoinRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation"],
                condition=Q(status="pending"),
                name="joinrequest_one_pending_per_org",
            ),
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | ~Q(proposed_name_th=""),
                name="joinrequest_org_or_proposal",
            ),
        ]

    def __str__(self):
        return f"{self.person} → {self.organisation_name}"

    @property
    def is_proposal(self) -> bool:
        return self.organisation_id is None

    @property
    def organisation_name(self) -> str:
        if self.organisation_id:
            return self.organisation.name
        return localized(self, "proposed_name")


# --- Advisers and mentoring (issue 12) -----------------------------------------------------------


class AdviceRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=AdviceRequest.Status.SENT)

    def sent_since(self, when):
        return self.filter(created__gte=when)


class AdviceRequest(models.Model):
    """A member asks an adviser for advice through the portal.

    The adviser gets the request by e-mail with the requester as Reply-To and answers by e-mail;
    the requester never sees the adviser's address. The adviser marks it answered or declines.
    """

    class Status(models.TextChoices):
        SENT = "sent", _("Waiting for the adviser")
        # In context: "Answered" and "Declined" are words other catalogues translate too.
        ANSWERED = "answered", pgettext_lazy("advice request", "Answered")
        DECLINED = "declined", pgettext_lazy("advice request", "Declined by the adviser")

    requester = models.ForeignKey(
        Person,
        verbose_name=_("asked by"),
        on_delete=models.CASCADE,
        related_name="advice_requests_sent",
    )
    adviser = models.ForeignKey(
        Person,
        verbose_name=_("adviser"),
        on_delete=models.CASCADE,
        related_name="advice_requests_received",
    )
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"), validators=[MaxCharsValidator(textlimits.MEDIUM)])
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SENT
    )
    created = models.DateTimeField(_("sent"), auto_now_add=True)
    closed_at = models.DateTimeField(_("answered or declined"), null=True, blank=True)

    objects = AdviceRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = _("request for advice")
        verbose_name_plural = _("requests for advice")
        indexes = [
            models.Index(fields=["requester", "created"]),
            models.Index(fields=["adviser", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(requester=models.F("adviser")), name="advicerequest_not_to_self"
            )
        ]

    def __str__(self):
        return self.subject


class MentoringPairQuerySet(models.QuerySet):
    def as_json_of(self, organisation):
        """Every listed pair ``organisation`` (an ``OuterRef`` or a pk) is in, as JSON objects for
        one ``ArraySubquery``: the organisation page carries them in its own query."""
        from django.contrib.postgres.expressions import ArraySubquery
        from django.db.models.functions import JSONObject

        listed = [Organisation.Status.ACTIVE, Organisation.Status.ALUMNI]
        topics = Topic.objects.filter(mentoring_pairs=models.OuterRef("pk")).order_by("position")
        return (
            self.filter(Q(mentor=organisation) | Q(mentee=organisation))
            .filter(mentor__status__in=listed, mentee__status__in=listed)
            .order_by(models.F("since").desc(nulls_last=True), "pk")
            .values(
                json=JSONObject(
                    mentor_id="mentor_id",
                    mentor_slug="mentor__slug",
                    mentor_name_th="mentor__name_th",
                    mentor_name_en="mentor__name_en",
                    mentee_id="mentee_id",
                    mentee_slug="mentee__slug",
                    mentee_name_th="mentee__name_th",
                    mentee_name_en="mentee__name_en",
                    since="since",
                    notes_th="notes_th",
                    notes_en="notes_en",
                    topics_th=ArraySubquery(topics.values("name_th")),
                    topics_en=ArraySubquery(topics.values("name_en")),
                )
            )
        )


class MentoringPair(models.Model):
    """An experienced member organisation helps a newer one (a city that helps another city)."""

    mentor = models.ForeignKey(
        Organisation,
        verbose_name=_("mentor organisation"),
        on_delete=models.CASCADE,
        related_name="mentoring_given",
    )
    mentee = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation helped"),
        on_delete=models.CASCADE,
        related_name="mentoring_received",
    )
    since = models.DateField(_("since"), null=True, blank=True)
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="mentoring_pairs"
    )
    notes_th = models.TextField(
        _("notes (Thai)"), blank=True, validators=[MaxCharsValidator(textlimits.SHORT)]
    )
    notes_en = models.TextField(
        _("notes (English)"), blank=True, validators=[MaxCharsValidator(textlimits.SHORT)]
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MentoringPairQuerySet.as_manager()

    notes = Localized("notes")

    class Meta:
        ordering = ["-since", "pk"]
        verbose_name = _("mentoring pair")
        verbose_name_plural = _("mentoring pairs")
        constraints = [
            models.UniqueConstraint(fields=["mentor", "mentee"], name="mentoringpair_unique"),
            models.CheckConstraint(
                condition=~Q(mentor=models.F("mentee")), name="mentoringpair_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.mentor} → {self.mentee}"


# --- Joint projects (issue 12): work of organisations, at /projects/ ------------------------------


def add_months(day, months: int):
    """``day`` plus whole months, clamped to the month's last day (31 Jan + 1 → 28/29 Feb)."""
    import calendar
    import datetime as dt

    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class ProjectQuerySet(models.QuerySet):
    def public(self):
        return self.filter(visibility=Project.Visibility.PUBLIC)

    def visible_to(self, user):
        """Projects ``user`` may see: public ones, and members-only ones for members."""
        from .access import is_member

        return self if is_member(user) else self.public()

    def reporting(self):
        """Running projects that set a reporting interval: their reports fall due."""
        return self.filter(status=Project.Status.RUNNING, report_every_months__gt=0)

    def with_spending(self):
        """Annotated with ``budget_total`` and ``spent`` (the latest report's figure)."""
        budget = (
            BudgetLine.objects.filter(project=models.OuterRef("pk"))
            .values("project")
            .annotate(total=models.Sum("amount"))
            .values("total")
        )
        latest = ProgressReport.objects.filter(project=models.OuterRef("pk")).order_by("-created")
        return self.annotate(
            budget_total=models.Subquery(budget),
            spent=models.Subquery(latest.values("spent")[:1]),
            last_report_on=models.Subquery(latest.values("created")[:1]),
        )


def organisation_project_cards(limit: int = 20):
    """An annotation for an organisation: its latest projects (led or joined) as a list of JSON
    objects with what a card shows, so its page lists them without a query of its own. Includes
    members-only projects: the reader filters them (``Project.from_card``)."""
    from django.contrib.postgres.expressions import ArraySubquery
    from django.db.models.functions import JSONObject

    partner_in = ProjectPartner.objects.filter(
        organisation=models.OuterRef(models.OuterRef("pk"))
    ).values("project_id")
    projects = (
        Project.objects.filter(Q(lead=models.OuterRef("pk")) | Q(pk__in=partner_in))
        .order_by("-created", "-pk")
        .values(card=JSONObject(**{name: name for name in Project.CARD_FIELDS}))[:limit]
    )
    return ArraySubquery(projects)


def project_topic_cards():
    """An annotation for a project: its topics as JSON objects (``Topic(**card)``), fetched with
    the project rather than by a query of their own."""
    from django.contrib.postgres.expressions import ArraySubquery
    from django.db.models.functions import JSONObject

    topics = (
        Topic.objects.filter(projects=models.OuterRef("pk"))
        .order_by("position", "name_en")
        .values(card=JSONObject(id="id", slug="slug", name_th="name_th", name_en="name_en"))
    )
    return ArraySubquery(topics)


class Project(RendersMarkdown, models.Model):
    """Joint work of organisations: a lead, partners of any kind, people, a budget and milestones."""

    class Status(models.TextChoices):
        IDEA = "idea", _("Idea")
        PARTNERS = "partners", _("Looking for partners")
        FUNDING = "funding", _("Looking for funding")
        RUNNING = "running", _("Running")
        COMPLETED = "completed", _("Completed")
        STOPPED = "stopped", _("Stopped")

    class Visibility(models.TextChoices):
        # The same two choices as a library resource (knowledge.models.Visibility).
        PUBLIC = "public", _("Everyone")
        MEMBERS = "members", _("Members only")

    class Interval(models.IntegerChoices):
        NONE = 0, _("No regular reports")
        MONTHLY = 1, _("Every month")
        QUARTERLY = 3, _("Every three months")
        HALF_YEARLY = 6, _("Every six months")
        YEARLY = 12, _("Every year")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title_th = models.CharField(_("title (Thai)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary_th = models.TextField(
        _("summary (Thai)"),
        blank=True,
        help_text=_("Markdown."),
        validators=[MaxCharsValidator(textlimits.LONG)],
    )
    summary_en = models.TextField(
        _("summary (English)"),
        blank=True,
        help_text=_("Markdown."),
        validators=[MaxCharsValidator(textlimits.LONG)],
    )
    summary_html_th = RenderedMarkdownField(source="summary_th")
    summary_html_en = RenderedMarkdownField(source="summary_en")
    lead = models.ForeignKey(
        Organisation,
        verbose_name=_("lead organisation"),
        on_delete=models.PROTECT,
        related_name="led_projects",
    )
    partners = models.ManyToManyField(
        Organisation,
        through="ProjectPartner",
        verbose_name=_("partner organisations"),
        related_name="partner_projects",
        blank=True,
    )
    people = models.ManyToManyField(
        Person, through="ProjectPerson", verbose_name=_("people"), related_name="projects"
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="projects"
    )
    regions = ArrayField(
        models.CharField(max_length=16, choices=Region.choices),
        verbose_name=_("regions"),
        default=list,
        blank=True,
    )
    cities = models.ManyToManyField(
        Organisation,
        verbose_name=_("cities concerned"),
        blank=True,
        related_name="city_projects",
        limit_choices_to={"kind": "municipality"},
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.IDEA
    )
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    visibility = models.CharField(
        _("who may read it"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
    )
    report_every_months = models.PositiveSmallIntegerField(
        _("progress reports"),
        choices=Interval.choices,
        default=Interval.NONE,
        help_text=_("While the project runs, a progress report is due at this interval."),
    )
    is_example = models.BooleanField(
        _("example"),
        default=False,
        help_text=_("Demo data: the page says it is an example, not a real project."),
    )
    created_by = models.ForeignKey(
        User,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProjectQuerySet.as_manager()

    # What a project's card shows (organisation_project_cards).
    CARD_FIELDS = (
        "id",
        "slug",
        "title_th",
        "title_en",
        "status",
        "visibility",
        "is_example",
        "lead_id",
    )

    title = Localized("title")
    summary = Localized("summary")
    summary_html = Localized("summary_html")

    class Meta:
        ordering = ["-created"]
        verbose_name = _("joint project")
        verbose_name_plural = _("joint projects")
        indexes = [models.Index(fields=["status", "visibility", "-created"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True)
                | Q(end__isnull=True)
                | Q(end__gte=models.F("start")),
                name="project_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.visibility == self.Visibility.PUBLIC

    @classmethod
    def from_card(cls, card: dict) -> "Project":
        """An unsaved project holding a card's fields (links, title, status badge)."""
        return cls(**card)

    def get_regions_display(self) -> list[str]:
        labels = dict(Region.choices)
        return [labels.get(r, r) for r in self.regions]

    def next_report_due(self, last_report_on=None):
        """The date the next progress report is due, or ``None`` when none is expected.

        Reports follow the interval from the start (or from when the project was created): the
        first is due one interval in, the next one interval after the latest report.
        """
        if self.status != self.Status.RUNNING or not self.report_every_months:
            return None
        from django.utils import timezone

        if last_report_on is not None:
            since = timezone.localdate(last_report_on)
        else:
            since = self.start or timezone.localdate(self.created)
        return add_months(since, self.report_every_months)


class ProjectPartner(models.Model):
    """An organisation working in a project besides its lead."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="partnerships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="project_partnerships",
    )
    role = models.CharField(_("role in the project"), max_length=200, blank=True)
    created = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation"], name="projectpartner_unique"
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.project}"


class ProjectPerson(models.Model):
    """A person with a role in a project (project manager, researcher, community liaison…)."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="team"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="project_roles"
    )
    role = models.CharField(_("role"), max_length=200, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("person in a project")
        verbose_name_plural = _("people in a project")
        constraints = [
            models.UniqueConstraint(fields=["project", "person"], name="projectperson_unique")
        ]

    def __str__(self):
        return f"{self.person} – {self.role}"


class BudgetLine(models.Model):
    """Money for a project: who gives it and how much (Thai baht)."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="budget_lines"
    )
    funder = models.CharField(_("funder"), max_length=200)
    amount = models.DecimalField(
        _("amount (THB)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="budgetline_amount_positive")
        ]

    def __str__(self):
        return f"{self.funder}: {self.amount}"


class Milestone(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DELAYED = "delayed", _("Delayed")
        DROPPED = "dropped", _("Dropped")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="milestones"
    )
    title_th = models.CharField(_("title (Thai)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    due = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )

    title = Localized("title")

    class Meta:
        ordering = ["due", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return self.title


class ProjectOutput(models.Model):
    """A library resource the project produced. The resource is named by its label only, so
    ``members`` imports nothing from ``knowledge``; the project form offers resources the editor
    may read."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="outputs"
    )
    resource = models.ForeignKey(
        "knowledge.Resource",
        verbose_name=_("library resource"),
        on_delete=models.CASCADE,
        related_name="project_outputs",
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("project output")
        verbose_name_plural = _("project outputs")
        constraints = [
            models.UniqueConstraint(fields=["project", "resource"], name="projectoutput_unique")
        ]

    def __str__(self):
        return str(self.resource)


class ProgressReport(RendersMarkdown, models.Model):
    """What a running project did since its last report, and what it has spent so far."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="reports"
    )
    author = models.ForeignKey(
        User, verbose_name=_("author"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(
        _("what happened"),
        help_text=_("Markdown."),
        validators=[MaxCharsValidator(textlimits.LONG)],
    )
    text_html = RenderedMarkdownField(source="text")
    spent = models.DecimalField(
        _("spent so far (THB)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_("Everything spent since the project began, in Thai baht."),
    )
    # The milestones as the report saw them: [{"title_th", "title_en", "due", "status"}, …].
    milestone_status = models.JSONField(_("milestone status"), default=list, blank=True)
    created = models.DateTimeField(_("reported"), auto_now_add=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")

    def __str__(self):
        return f"{self.project} · {self.created:%Y-%m-%d}"


def report_attachment_path(instance, filename):
    # A random name on disk; the name people see is ``filename`` (network.lib.uploads.safe_filename).
    ext = os.path.splitext(filename)[1].lower()[:10]
    return f"projects/{instance.report.project_id}/{uuid.uuid4().hex}{ext}"


class ReportAttachment(models.Model):
    """A file attached to a progress report: checked like library attachments
    (``network/lib/uploads.py``) and kept in private storage, downloaded through a permission check."""

    report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("progress report"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(
        _("file"), upload_to=report_attachment_path, storage=private_storage, max_length=200
    )
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size"))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.filename

    def get_absolute_url(self):
        return reverse("projects:attachment", kwargs={"pk": self.pk, "filename": self.filename})


class ProjectJoinRequestQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ProjectJoinRequest.Status.PENDING)


class ProjectJoinRequest(models.Model):
    """An organisation asks to join a project ("we want to join"); the lead accepts or declines."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="join_requests"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="project_join_requests",
    )
    requested_by = models.ForeignKey(
        User, verbose_name=_("requested by"), on_delete=models.CASCADE, related_name="+"
    )
    message = models.TextField(_("message"), validators=[MaxCharsValidator(textlimits.SHORT)])
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        User,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ProjectJoinRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = _("request to join a project")
        verbose_name_plural = _("requests to join a project")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation"],
                condition=Q(status="pending"),
                name="projectjoinrequest_one_pending",
            )
        ]

    def __str__(self):
        return f"{self.organisation} → {self.project}"


class FundingApplication(models.Model):
    """A project applies to a funding call (``knowledge.FundingCall``, named by its label only, so
    ``members`` imports nothing from ``knowledge``) and records the outcome."""

    class Outcome(models.TextChoices):
        PLANNED = "planned", _("Planning to apply")
        SUBMITTED = "submitted", _("Applied, waiting for the decision")
        AWARDED = "awarded", _("Funded")
        DECLINED = "declined", _("Not funded")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="funding_applications",
    )
    call = models.ForeignKey(
        "knowledge.FundingCall",
        verbose_name=_("funding call"),
        on_delete=models.CASCADE,
        related_name="project_applications",
    )
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=Outcome.choices, default=Outcome.PLANNED
    )
    amount_awarded = models.DecimalField(
        _("amount awarded (THB)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("application for funding")
        verbose_name_plural = _("applications for funding")
        constraints = [
            models.UniqueConstraint(fields=["project", "call"], name="fundingapplication_unique")
        ]

    def __str__(self):
        return f"{self.project} → {self.call}"
