from io import BytesIO

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from network.lib.forms import BootstrapMixin, FilterForm
from network.lib.textlimits import limit_validators

from .models import Hazard, JoinRequest, Organisation, Person, Province, Region, Topic

MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_IMAGE_SIDE = 512

# Thailand's bounding box, the same bounds the database's check constraints enforce.
LATITUDE_RANGE = (5, 21)
LONGITUDE_RANGE = (97, 106)


class ResizedImageField(forms.ImageField):
    """An uploaded image that is really an image, not too big, re-encoded at ≤ 512 px.

    Re-encoding drops whatever else the file carried (metadata, trailing bytes).
    """

    default_error_messages = {
        "too_large": _("The image is larger than 2 MB. Please upload a smaller file."),
        "too_many_pixels": _("The image has too many pixels. Please upload a smaller picture."),
        "invalid_image": _("This file is not an image we can read. Upload a PNG, JPEG or WebP."),
    }

    def to_python(self, data):
        if data in self.empty_values:
            return None
        if getattr(data, "size", 0) > MAX_IMAGE_BYTES:
            raise ValidationError(self.error_messages["too_large"], code="too_large")
        checked = super().to_python(data)
        width, height = checked.image.size
        if width * height > settings.IMAGE_MAX_PIXELS:
            raise ValidationError(self.error_messages["too_many_pixels"], code="too_many_pixels")
        return self._reencode(checked)

    def _reencode(self, upload: UploadedFile) -> SimpleUploadedFile:
        upload.seek(0)
        try:
            with Image.open(upload) as image:
                image = ImageOps.exif_transpose(image)
                image.thumbnail((MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))
                has_alpha = image.mode in ("RGBA", "LA", "P")
                image = image.convert("RGBA" if has_alpha else "RGB")
                buffer = BytesIO()
                image.save(buffer, format="PNG", optimize=True)
        except (OSError, ValueError, Image.DecompressionBombError) as exc:
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from exc
        stem = slugify(upload.name.rsplit(".", 1)[0])[:40] or "image"
        return SimpleUploadedFile(f"{stem}.png", buffer.getvalue(), content_type="image/png")


def duplicate_name_error(name: str, exclude_pk=None) -> ValidationError | None:
    """A clear error with a link when an organisation of that name exists already.

    An applicant organisation is not public: the error says only that the name is taken, never
    its page, its other name or who applied.
    """
    existing = Organisation.objects.same_name_as(name)
    if exclude_pk:
        existing = existing.exclude(pk=exclude_pk)
    existing = existing.first()
    if existing is None:
        return None
    if not existing.is_listed:
        return ValidationError(
            _(
                "An organisation with this name has already applied to join the network. Once "
                "a coordinator has approved it, you can ask to join it."
            ),
            code="duplicate",
        )
    return ValidationError(
        format_html(
            '{} <a href="{}">{}</a>',
            _("An organisation with this name is already in the network:"),
            existing.get_absolute_url(),
            existing.name,
        ),
        code="duplicate",
    )


def check_in_thailand(latitude, longitude) -> None:
    errors = {}
    if latitude is not None and not LATITUDE_RANGE[0] <= latitude <= LATITUDE_RANGE[1]:
        errors["latitude"] = _("This point is outside Thailand (latitude 5 to 21).")
    if longitude is not None and not LONGITUDE_RANGE[0] <= longitude <= LONGITUDE_RANGE[1]:
        errors["longitude"] = _("This point is outside Thailand (longitude 97 to 106).")
    if (latitude is None) != (longitude is None):
        errors["longitude" if longitude is None else "latitude"] = _(
            "Give both latitude and longitude, or neither."
        )
    if errors:
        raise ValidationError(errors)


class OrganisationCleaning(forms.ModelForm):
    """Checks shared by the editors' form and the admin: names, logo, hazards, coordinates."""

    logo = ResizedImageField(label=_("logo"), required=False)
    hazards = forms.MultipleChoiceField(
        label=_("hazards faced"),
        choices=Hazard.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean_name_th(self):
        return self._unique_name("name_th")

    def clean_name_en(self):
        return self._unique_name("name_en")

    def _unique_name(self, field):
        name = " ".join(self.cleaned_data.get(field, "").split())
        error = duplicate_name_error(name, exclude_pk=self.instance.pk) if name else None
        if error:
            raise error
        return name

    def clean(self):
        cleaned = super().clean()
        try:
            check_in_thailand(cleaned.get("latitude"), cleaned.get("longitude"))
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    self.add_error(field, message)
        if cleaned.get("kind") != Organisation.Kind.MUNICIPALITY:
            cleaned["municipality_level"] = ""
        province = cleaned.get("province")
        if province and not cleaned.get("region"):
            cleaned["region"] = province.region
        return cleaned


class OrganisationForm(BootstrapMixin, OrganisationCleaning):
    """What an organisation's editors change. Status and programmes stay with coordinators."""

    class Meta:
        model = Organisation
        fields = [
            "name_th", "name_en", "short_name", "kind", "municipality_level",
            "description_th", "description_en", "region", "province", "latitude", "longitude",
            "address", "email", "phone", "website", "facebook", "line_id", "x_handle", "logo",
            "topics", "hazards", "population", "resilience_plans",
        ]  # fmt: skip
        widgets = {
            "description_th": forms.Textarea(attrs={"rows": 6}),
            "description_en": forms.Textarea(attrs={"rows": 6}),
            "address": forms.Textarea(attrs={"rows": 2}),
            "resilience_plans": forms.Textarea(attrs={"rows": 4}),
            "topics": forms.CheckboxSelectMultiple,
        }


class PersonForm(BootstrapMixin, forms.ModelForm):
    photo = ResizedImageField(label=_("photo"), required=False)

    class Meta:
        model = Person
        fields = [
            "honorific", "name_th", "name_en", "position", "bio", "photo", "expertise",
            "languages", "email", "phone", "line_id", "contact_visibility", "language",
        ]  # fmt: skip
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 5}),
            "expertise": forms.CheckboxSelectMultiple,
            "contact_visibility": forms.RadioSelect,
        }

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("name_th") or cleaned.get("name_en")):
            raise ValidationError(_("Give your name in Thai or in English."))
        return cleaned


class JoinForm(BootstrapMixin, forms.Form):
    """Join an organisation already in the network, or propose a new one."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.listed().only("pk", "name_th", "name_en"),
        required=False,
        empty_label=_("— my organisation is not listed —"),
    )
    proposed_name_th = forms.CharField(
        label=_("New organisation: name in Thai"),
        required=False,
        max_length=JoinRequest._meta.get_field("proposed_name_th").max_length,
    )
    proposed_name_en = forms.CharField(
        label=_("New organisation: name in English"),
        required=False,
        max_length=JoinRequest._meta.get_field("proposed_name_en").max_length,
    )
    proposed_kind = forms.ChoiceField(
        label=_("New organisation: kind"),
        choices=[("", "—"), *Organisation.Kind.choices],
        required=False,
    )
    proposed_province = forms.ModelChoiceField(
        label=_("New organisation: province"), queryset=Province.objects.all(), required=False
    )
    message = forms.CharField(
        label=_("Message to the editors"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Say who you are and what you do there."),
        validators=limit_validators(JoinRequest, "message"),
    )
    name_th = forms.CharField(
        label=_("Your name in Thai"),
        required=False,
        max_length=Person._meta.get_field("name_th").max_length,
    )
    name_en = forms.CharField(
        label=_("Your name in English"),
        required=False,
        max_length=Person._meta.get_field("name_en").max_length,
    )
    position = forms.CharField(
        label=_("Your position"),
        required=False,
        max_length=Person._meta.get_field("position").max_length,
    )

    def __init__(self, *args, needs_name: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.needs_name = needs_name
        if not needs_name:
            for name in ("name_th", "name_en", "position"):
                del self.fields[name]

    def clean(self):
        cleaned = super().clean()
        if self.needs_name and not (cleaned.get("name_th") or cleaned.get("name_en")):
            raise ValidationError(_("Give your name in Thai or in English."))
        if cleaned.get("organisation"):
            return cleaned
        name_th = " ".join(cleaned.get("proposed_name_th", "").split())
        if not name_th:
            raise ValidationError(
                _("Choose your organisation, or give the Thai name of a new one.")
            )
        for field in ("proposed_name_th", "proposed_name_en"):
            name = " ".join(cleaned.get(field, "").split())
            error = duplicate_name_error(name) if name else None
            if error:
                self.add_error(field, error)
        if not cleaned.get("proposed_kind"):
            self.add_error("proposed_kind", _("Say what kind of organisation it is."))
        return cleaned


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            (JoinRequest.Status.APPROVED, _("Approve")),
            (JoinRequest.Status.DECLINED, _("Decline")),
        ]
    )


class DirectoryFilterForm(FilterForm):
    q = forms.CharField(
        label=_("Search names"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("e.g. หาดใหญ่ or Hat Yai")}
        ),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *Organisation.Kind.choices], required=False
    )
    region = forms.ChoiceField(
        label=_("Region"), choices=[("", _("All regions")), *Region.choices], required=False
    )
    province = forms.ModelChoiceField(
        label=_("Province"),
        queryset=Province.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("All provinces"),
    )
    hazard = forms.ChoiceField(
        label=_("Hazard"), choices=[("", _("All hazards")), *Hazard.choices], required=False
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All topics"),
    )

    def filter_q(self, queryset, text):
        return queryset.search(text)

    def filter_kind(self, queryset, kind):
        return queryset.filter(kind=kind)

    def filter_region(self, queryset, region):
        return queryset.filter(region=region)

    def filter_province(self, queryset, province):
        return queryset.filter(province=province)

    def filter_hazard(self, queryset, hazard):
        return queryset.with_hazard(hazard)

    def filter_topic(self, queryset, topic):
        return queryset.filter(topics=topic)
