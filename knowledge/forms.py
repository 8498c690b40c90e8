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
from network.lib.textlimits import limit_validators
from network.lib.uploads import MAX_ATTACHMENT_BYTES, CheckedFilesField

from .models import Comment, Flag, Reply, Resource, Thread

MAX_TAG_LENGTH = Tag._meta.get_field("name").max_length
# taggit stores slugify(name) (which may be longer than the name: "ﬃ" becomes "ffi") in a
# column of the same length, plus "_<n>" when the slug is taken.
MAX_TAG_SLUG_LENGTH = Tag._meta.get_field("slug").max_length - 10


class ResourceForm(forms.ModelForm):
    attachments = CheckedFilesField(
        label=_("Files"),
        required=False,
        help_text=_("PDF, Word, Excel, PowerPoint or images, up to %(mb)d MB each.")
        % {"mb": MAX_ATTACHMENT_BYTES // (1024 * 1024)},
    )
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
            "body_th", "body_en", "context", "climate_risk", "actions", "outcomes", "lessons",
            "contacts", "external_url", "topics", "tags", "organisations", "cities", "regions",
            "event", "visibility", "published_on",
        ]  # fmt: skip
        widgets = {
            "summary_th": forms.Textarea(attrs={"rows": 3}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "body_th": forms.Textarea(attrs={"rows": 12, "data-markdown-preview": "preview-th"}),
            "body_en": forms.Textarea(attrs={"rows": 12, "data-markdown-preview": "preview-en"}),
            "context": forms.Textarea(attrs={"rows": 4}),
            "climate_risk": forms.Textarea(attrs={"rows": 4}),
            "actions": forms.Textarea(attrs={"rows": 4}),
            "outcomes": forms.Textarea(attrs={"rows": 4}),
            "lessons": forms.Textarea(attrs={"rows": 4}),
            "contacts": forms.Textarea(attrs={"rows": 3}),
            "topics": forms.CheckboxSelectMultiple,
        }
        field_classes = {"published_on": EraDateField}

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
        for _name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.ClearableFileInput):
                continue
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs.setdefault("class", css)

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

    def clean(self):
        data = super().clean()
        if not (data.get("title_th") or "").strip() and not (data.get("title_en") or "").strip():
            raise ValidationError(_("Give the resource a title in Thai or in English."))
        return data


class ThreadForm(forms.ModelForm):
    class Meta:
        model = Thread
        fields = ["kind", "title", "body", "topics", "visibility"]
        widgets = {
            "kind": forms.Select(attrs={"class": "form-select"}),
            "title": forms.TextInput(attrs={"class": "form-control"}),
            "body": forms.Textarea(
                attrs={"class": "form-control", "rows": 8, "data-markdown-preview": "preview-body"}
            ),
            "topics": forms.CheckboxSelectMultiple,
            "visibility": forms.Select(attrs={"class": "form-select"}),
        }


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        validators=limit_validators(Reply, "body"),
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 5}),
        help_text=_("Markdown."),
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        validators=limit_validators(Comment, "body"),
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 4}),
        help_text=_("Markdown."),
    )


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=Flag.Reason.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    note = forms.CharField(
        label=_("Details (optional)"),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What should the author change?"),
        validators=limit_validators(Resource, "review_comment"),
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 4}),
    )


class LibraryFilterForm(forms.Form):
    """The library's filters; invalid values are ignored, never an error page."""

    SORTS = (
        ("newest", _("Newest first")),
        ("oldest", _("Oldest first")),
        ("title", _("Title")),
    )

    q = forms.CharField(label=_("Words"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Resource.Kind.choices]
    )
    topic = forms.SlugField(label=_("Topic"), required=False)
    tag = forms.CharField(label=_("Tag"), required=False, max_length=100)
    region = forms.ChoiceField(
        label=_("Region"), required=False, choices=[("", _("All regions")), *Region.choices]
    )
    city = forms.SlugField(label=_("City"), required=False)
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Any language")), *Resource.Language.choices],
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2200)
    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=SORTS)
