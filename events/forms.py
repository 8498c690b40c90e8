from django import forms
from django.utils.translation import gettext_lazy as _

from members.access import memberships_of
from members.models import Organisation, Region, Topic
from network.lib.datefields import EraDateField
from network.lib.forms import BootstrapMixin, FilterForm
from network.lib.textlimits import limit_validators

from .models import Event, Pledge, PledgeUpdate


class EventFilterForm(FilterForm):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Event.Kind.choices]
    )
    region = forms.ChoiceField(
        label=_("Region"), required=False, choices=[("", _("All regions")), *Region.choices]
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

    def filter_region(self, queryset, region):
        return queryset.filter(region=region)

    def filter_topic(self, queryset, topic):
        return queryset.filter(topics=topic)


def _limit_to_own_organisations(field, user) -> None:
    """Offer the organisations the user belongs to, from the memberships the role check already
    loaded: rendering the choices costs no query; validation still checks the queryset."""
    organisations = [m.organisation for m in memberships_of(user)]
    field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
    field.choices = [("", field.empty_label), *((o.pk, o.name) for o in organisations)]


class RegistrationForm(BootstrapMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("I represent"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("Myself"),
    )
    diet = forms.CharField(label=_("Dietary needs"), required=False, max_length=200)
    access = forms.CharField(label=_("Access needs"), required=False, max_length=200)
    interpretation = forms.CharField(
        label=_("Interpretation needed"), required=False, max_length=200
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and user.is_authenticated:
            _limit_to_own_organisations(self.fields["organisation"], user)


class PledgeForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Pledge
        fields = ["action", "organisation", "due"]
        widgets = {"action": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"due": EraDateField}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].empty_label = _("Myself")
        if user is not None and user.is_authenticated:
            _limit_to_own_organisations(self.fields["organisation"], user)
        else:
            self.fields["organisation"].queryset = Organisation.objects.none()


class PledgeUpdateForm(BootstrapMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Pledge.Status.choices)
    note = forms.CharField(
        label=_("What happened"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=limit_validators(PledgeUpdate, "note"),
    )
