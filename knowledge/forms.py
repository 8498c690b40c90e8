import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from events.models import Event
from members.access import is_coordinator
from members.models import Organisation, Region, Topic
from network.lib.datefields import EraDateField
from network.lib.dates import format_date
from network.lib.forms import BootstrapMixin, FilterForm
from network.lib.textlimits import limit_validators
from network.lib.uploads import MAX_ATTACHMENT_BYTES, MultipleFileField, checked_uploads

from .models import Comment, Flag, Reply, Resource, Thread

MAX_TAG_LENGTH = Tag._meta.get_field("name").max_length
# taggit stores slugify(name) (which may be longer than the name: "ﬃ" becomes "ffi") in a
# column of the same length, plus "_<n>" when the slug is taken.
MAX_TAG_SLUG_LENGTH = Tag._meta.get_field("slug").max_length - 10


def attachments_field(label):
    return MultipleFileField(
        label=label,
        required=False,
        help_text=_("PDF, Word, Excel, PowerPoint or images, up to %(mb)d MB each.")
        % {"mb": MAX_ATTACHMENT_BYTES // (1024 * 1024)},
    )


class ResourceForm(BootstrapMixin, forms.ModelForm):
    attachments = attachments_field(_("Files"))
    external_url = forms.URLField(
        label=_("Web address"), required=False, max_length=500, assume_scheme="https"
    )
    regions = forms.MultipleChoiceField(
        label=_("Regions concerned"),
        choices=Region.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Resource
        fields = [
            "kind", "language", "title_th", "title_en", "summary_th", "summary_en",
            "body_th", "body_en", *Resource.section_fields(), "external_url", "topics", "tags", "organisations", "cities", "regions",
            "event", "visibility", "published_on",
        ]  # fmt: skip
        widgets = {
            "summary_th": forms.Textarea(attrs={"rows": 3}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "body_th": forms.Textarea(attrs={"rows": 12, "data-markdown-preview": "preview-th"}),
            "body_en": forms.Textarea(attrs={"rows": 12, "data-markdown-preview": "preview-en"}),
            **{name: forms.Textarea(attrs={"rows": 4}) for name in Resource.section_fields()},
            "topics": forms.CheckboxSelectMultiple,
        }
        field_classes = {"published_on": EraDateField}

    def section_pairs(self):
        """(Thai, English) bound fields of each case-study section, for the form's two columns."""
        names = Resource.section_fields()
        return [(self[th], self[en]) for th, en in zip(names[::2], names[1::2], strict=True)]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["topics"].queryset = Topic.objects.all()
        if is_coordinator(user):
            orgs = Organisation.objects.listed()
        else:
            mine = Q(memberships__person__user=user)
            if self.instance.pk:
                mine |= Q(resources=self.instance)
            orgs = Organisation.objects.filter(
                pk__in=Organisation.objects.filter(mine).values("pk")
            )
        self.fields["organisations"].queryset = orgs.order_by("name_th")
        self.fields["organisations"].widget = forms.CheckboxSelectMultiple()
        self.fields["organisations"].widget.choices = self.fields["organisations"].choices
        self.fields["cities"].queryset = Organisation.objects.listed().cities().order_by("name_th")
        self.fields["cities"].widget.attrs["size"] = 6
        self.fields["event"].queryset = Event.objects.visible_to(user).order_by("-start")
        tags = self.fields["tags"]
        tags.widget.attrs.update(
            {"list": "tag-suggestions", "autocomplete": "off", "data-tag-input": "1"}
        )
        tags.help_text = _("Separate tags with commas.")
        self.style()  # the organisations' widget was replaced above

    def clean_tags(self):
        tags = self.cleaned_data.get("tags") or []
        for tag in tags:
            if (
                len(tag) > MAX_TAG_LENGTH
                or len(slugify(tag, allow_unicode=True)) > MAX_TAG_SLUG_LENGTH
            ):
                raise ValidationError(
                    _("Each tag can have at most %(n)d characters: “%(tag)s…” is longer."),
                    params={"n": MAX_TAG_SLUG_LENGTH, "tag": tag[:30]},
                    code="max_length",
                )
        return tags

    def clean_attachments(self):
        return checked_uploads(self.cleaned_data.get("attachments"))

    def clean(self):
        data = super().clean()
        if not (data.get("title_th") or "").strip() and not (data.get("title_en") or "").strip():
            raise ValidationError(_("Give the resource a title in Thai or in English."))
        return data


class ThreadForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Thread
        fields = ["kind", "title", "body", "topics", "visibility"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 8, "data-markdown-preview": "preview-body"}),
            "topics": forms.CheckboxSelectMultiple,
        }


class ReplyForm(BootstrapMixin, forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        validators=limit_validators(Reply, "body"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Markdown."),
    )


class CommentForm(BootstrapMixin, forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        validators=limit_validators(Comment, "body"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Markdown."),
    )


class FlagForm(BootstrapMixin, forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=Flag.Reason.choices)
    note = forms.CharField(label=_("Details (optional)"), max_length=500, required=False)


class ReturnForm(BootstrapMixin, forms.Form):
    comment = forms.CharField(
        label=_("What should the author change?"),
        validators=limit_validators(Resource, "review_comment"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class LibraryFilterForm(FilterForm):
    """The library's filters. ``years``: the years resources were published in, newest first
    (the view keeps them until the next change)."""

    SORTS = (
        ("newest", _("Newest first")),
        ("oldest", _("Oldest first")),
        ("title", _("Title")),
    )

    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Resource.Kind.choices]
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        required=False,
        queryset=Topic.objects.all(),
        to_field_name="slug",
        empty_label=_("All topics"),
    )
    region = forms.ChoiceField(
        label=_("Region"), required=False, choices=[("", _("All regions")), *Region.choices]
    )
    city = forms.ModelChoiceField(
        label=_("City"),
        required=False,
        # The cities some resource is about.
        queryset=Organisation.objects.listed()
        .cities()
        .filter(resources_about__isnull=False)
        .distinct()
        .only("slug", "name_th", "name_en"),
        to_field_name="slug",
        empty_label=_("All cities"),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Any language")), *Resource.Language.choices],
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int)
    tag = forms.CharField(label=_("Tag"), required=False, max_length=100)
    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=SORTS)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [
            ("", _("Any year")),
            *((year, format_date(dt.date(year, 1, 1), "year")) for year in years),
        ]

    def filter(self, queryset, **kwargs):
        return super().filter(queryset.newest_first(), **kwargs)

    def filter_kind(self, queryset, kind):
        return queryset.filter(kind=kind)

    def filter_topic(self, queryset, topic):
        return queryset.filter(topics=topic)

    def filter_region(self, queryset, region):
        return queryset.filter(regions__contains=[region])

    def filter_city(self, queryset, city):
        return queryset.filter(cities=city)

    def filter_language(self, queryset, language):
        return queryset.filter(language=language)

    def filter_year(self, queryset, year):
        return queryset.filter(published_on__year=year)

    def filter_tag(self, queryset, tag):
        return queryset.filter(tags__name__iexact=tag)

    def filter_sort(self, queryset, sort):
        if sort == "oldest":
            return queryset.order_by("published_on", "pk")
        if sort == "title":
            return queryset.order_by("title_th", "title_en", "pk")
        return queryset.newest_first()


class ThreadFilterForm(FilterForm):
    """The discussions' filters: the kind is chosen with the buttons above the list."""

    kind = forms.ChoiceField(
        required=False, choices=[("", _("All")), *Thread.Kind.choices], widget=forms.HiddenInput
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        required=False,
        queryset=Topic.objects.all(),
        to_field_name="slug",
        empty_label=_("All topics"),
    )

    def filter_kind(self, queryset, kind):
        return queryset.filter(kind=kind)

    def filter_topic(self, queryset, topic):
        return queryset.filter(topics=topic)
