"""Who is in the network: accounts, organisations (cities among them), people and memberships."""

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from network.lib.i18n import Localized


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

    @property
    def coordinates(self) -> bool:
        """True for coordinators and superusers: they may manage anything in the network."""
        return self.is_active and (self.is_coordinator or self.is_superuser)


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
    description_th = models.TextField(_("description (Thai)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True)

    description = Localized("description")

    class Meta:
        ordering = ["start_year", "name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self):
        return self.name


class OrganisationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Organisation.Status.ACTIVE)

    def cities(self):
        return self.filter(kind=Organisation.Kind.MUNICIPALITY)


class Organisation(models.Model):
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
    description_th = models.TextField(_("description (Thai)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
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
    address = models.TextField(_("address"), blank=True)
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
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    name = Localized("name")
    description = Localized("description")

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


class Person(models.Model):
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
    bio = models.TextField(_("bio"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="people/", blank=True)
    expertise = models.ManyToManyField(
        Topic, verbose_name=_("expertise"), blank=True, related_name="people"
    )
    languages = models.CharField(_("languages spoken"), max_length=120, blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    line_id = models.CharField(_("LINE ID"), max_length=60, blank=True)
    contact_visibility = models.CharField(
        _("who may see my contact details"),
        max_length=10,
        choices=ContactVisibility.choices,
        default=ContactVisibility.MEMBERS,
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
