"""Forms of the funding calls: a member's proposal (or a coordinator's call), and the list's filters."""

import datetime as dt

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Organisation, Region, Topic
from network.lib.datefields import EraDateField
from network.lib.forms import BootstrapMixin, FilterForm
from network.lib.textlimits import limit_validators

from .forms import attachments_field, checked_uploads
from .models import FundingCall

# A call whose closing time is not given closes at the end of its last day, Thailand time.
DEFAULT_CLOSING_TIME = dt.time(23, 59)


class EligibilityFields(forms.Form):
    """Who may apply, as boxes to tick: the site's form and the admin's."""

    organisation_kinds = forms.MultipleChoiceField(
        label=_("Who may apply"),
        choices=Organisation.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kinds of organisation that may apply; none means any kind."),
    )
    regions = forms.MultipleChoiceField(
        label=_("Regions eligible"),
        choices=Region.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None means anywhere in Thailand."),
    )


class FundingCallForm(BootstrapMixin, EligibilityFields, forms.ModelForm):
    deadline_date = EraDateField(label=_("Deadline"))
    deadline_time = forms.TimeField(
        label=_("Closing time (Thailand)"),
        required=False,
        help_text=_("Hours:minutes, e.g. 16:30. Empty: the end of the day."),
        widget=forms.TimeInput(format="%H:%M", attrs={"placeholder": "23:59"}),
    )
    url = forms.URLField(
        label=_("Link to the call"), required=False, max_length=500, assume_scheme="https"
    )
    documents = attachments_field(_("Documents (guidelines, application forms)"))

    class Meta:
        model = FundingCall
        fields = [
            "title_th", "title_en", "funder", "programme", "description_th", "description_en",
            "amount_min", "amount_max", "organisation_kinds", "regions", "topics", "language",
            "url",
        ]  # fmt: skip
        widgets = {
            "description_th": forms.Textarea(attrs={"rows": 8}),
            "description_en": forms.Textarea(attrs={"rows": 8}),
            "topics": forms.CheckboxSelectMultiple,
            "amount_min": forms.NumberInput(attrs={"min": 0, "step": 1000}),
            "amount_max": forms.NumberInput(attrs={"min": 0, "step": 1000}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = Topic.objects.all()
        if self.instance.pk and self.instance.deadline:
            local = timezone.localtime(self.instance.deadline)
            self.initial.setdefault("deadline_date", local.date())
            self.initial.setdefault("deadline_time", local.time().replace(second=0))

    def clean_documents(self):
        return checked_uploads(self.cleaned_data.get("documents"))

    def clean(self):
        data = super().clean()
        if not (data.get("title_th") or "").strip() and not (data.get("title_en") or "").strip():
            self.add_error(None, _("Give the call a title in Thai or in English."))
        low, high = data.get("amount_min"), data.get("amount_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "amount_max", _("The largest grant cannot be smaller than the smallest.")
            )
        day = data.get("deadline_date")
        if day:
            closing = data.get("deadline_time") or DEFAULT_CLOSING_TIME
            self.instance.deadline = timezone.make_aware(dt.datetime.combine(day, closing))
        return data


class FundingFilterForm(FilterForm):
    """The list's filters; invalid values are ignored, never an error page."""

    topic = forms.ModelChoiceField(
        label=_("Topic"),
        required=False,
        queryset=Topic.objects.all(),
        to_field_name="slug",
        empty_label=_("All topics"),
    )
    kind = forms.ChoiceField(
        label=_("Who may apply"),
        required=False,
        choices=[("", _("Any kind")), *Organisation.Kind.choices],
    )
    region = forms.ChoiceField(
        label=_("Region"), required=False, choices=[("", _("All regions")), *Region.choices]
    )
    amount = forms.IntegerField(
        label=_("Amount needed (THB)"),
        required=False,
        min_value=0,
        max_value=10**12,
        widget=forms.NumberInput(attrs={"step": 1000}),
    )

    def filter_topic(self, queryset, topic):
        return queryset.filter(topics=topic)

    # A call open to any kind or any region (an empty list) suits everyone.
    def filter_kind(self, queryset, kind):
        return queryset.filter(Q(organisation_kinds__contains=[kind]) | Q(organisation_kinds=[]))

    def filter_region(self, queryset, region):
        return queryset.filter(Q(regions__contains=[region]) | Q(regions=[]))

    def filter_amount(self, queryset, amount):
        return queryset.filter(
            Q(amount_min__isnull=True) | Q(amount_min__lte=amount),
            Q(amount_max__isnull=True) | Q(amount_max__gte=amount),
        )


class DeclineFundingCallForm(BootstrapMixin, forms.Form):
    comment = forms.CharField(
        label=_("Why is it not published?"),
        validators=limit_validators(FundingCall, "review_comment"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
