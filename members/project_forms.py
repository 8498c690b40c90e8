"""Forms of the joint projects' pages."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from network.lib.datefields import EraDateField
from network.lib.forms import BootstrapMixin, FilterForm
from network.lib.textlimits import limit_validators
from network.lib.uploads import MAX_ATTACHMENT_BYTES, MultipleFileField, checked_uploads

from .models import (
    BudgetLine,
    FundingApplication,
    Milestone,
    Organisation,
    ProgressReport,
    Project,
    ProjectJoinRequest,
    ProjectOutput,
    ProjectPerson,
    Region,
    Topic,
)


class ProjectFilterForm(FilterForm):
    """The list's filters; invalid values are ignored, never an error page."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any status")), *Project.Status.choices],
        required=False,
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All topics"),
    )
    region = forms.ChoiceField(
        label=_("Region"), choices=[("", _("All regions")), *Region.choices], required=False
    )

    def filter_status(self, queryset, status):
        return queryset.filter(status=status)

    def filter_topic(self, queryset, topic):
        return queryset.filter(topics=topic)

    def filter_region(self, queryset, region):
        return queryset.filter(regions__contains=[region])


def _resources_for(user):
    """Published library resources ``user`` may read, for the outputs field. Named through the
    model's foreign key, so ``members`` imports nothing from ``knowledge``."""
    resource = ProjectOutput._meta.get_field("resource").related_model
    return resource.objects.visible_to(user).order_by("-published_on", "-pk")


class ProjectForm(BootstrapMixin, forms.ModelForm):
    """What the lead organisation's editors write about their project."""

    start = EraDateField(label=_("start"), required=False)
    end = EraDateField(label=_("end"), required=False)
    regions = forms.MultipleChoiceField(
        label=_("Regions concerned"),
        choices=Region.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Partner organisations"),
        queryset=Organisation.objects.listed().order_by("name_th"),
        required=False,
        help_text=_("Organisations of any kind working with you; others can also ask to join."),
    )
    outputs = forms.ModelMultipleChoiceField(
        label=_("Outputs in the library"),
        queryset=ProjectOutput.objects.none(),
        required=False,
        help_text=_(
            "Reports, guides or data the project's organisations published in the library."
        ),
    )

    class Meta:
        model = Project
        fields = [
            "title_th", "title_en", "summary_th", "summary_en", "status", "start", "end",
            "visibility", "report_every_months", "topics", "regions", "cities",
        ]  # fmt: skip
        widgets = {
            "summary_th": forms.Textarea(attrs={"rows": 6}),
            "summary_en": forms.Textarea(attrs={"rows": 6}),
            "topics": forms.CheckboxSelectMultiple,
            "visibility": forms.RadioSelect,
        }

    def __init__(self, *args, user, leads=None, **kwargs):
        super().__init__(*args, **kwargs)
        if leads is not None:
            # A new project: led by one of the organisations the user edits.
            self.fields["lead"] = forms.ModelChoiceField(
                label=_("lead organisation"),
                queryset=Organisation.objects.filter(pk__in=[org.pk for org in leads]),
                initial=leads[0].pk,
                empty_label=None,
                widget=forms.Select(attrs={"class": "form-select"}),
            )
            self.order_fields(["lead"])
        # Outputs are offered from what the project's organisations published (the library
        # holds far more than a select can show), plus those already linked.
        organisations = [org.pk for org in leads] if leads is not None else []
        chosen = []
        if self.instance.pk:
            organisations += [
                self.instance.lead_id,
                *self.instance.partnerships.values_list("organisation_id", flat=True),
            ]
            chosen = list(self.instance.outputs.values_list("resource_id", flat=True))
        self.fields["outputs"].queryset = (
            _resources_for(user)
            .filter(Q(organisations__in=organisations) | Q(pk__in=chosen))
            .distinct()
        )
        self.fields["cities"].queryset = Organisation.objects.listed().cities().order_by("name_th")
        if self.instance.pk:
            self.initial["partners"] = list(
                self.instance.partnerships.values_list("organisation_id", flat=True)
            )
            self.initial["outputs"] = chosen

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end comes before the start."))
        return data


class BudgetLineForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = BudgetLine
        fields = ["funder", "amount", "note"]


class MilestoneForm(BootstrapMixin, forms.ModelForm):
    due = EraDateField(label=_("due"))

    class Meta:
        model = Milestone
        fields = ["title_th", "title_en", "due", "status"]


class ProjectPersonForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = ProjectPerson
        fields = ["person", "role"]

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["person"].queryset = people


class FundingApplicationForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = FundingApplication
        fields = ["call", "outcome", "amount_awarded", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Published calls, by their label only (``members`` imports nothing from ``knowledge``).
        call = FundingApplication._meta.get_field("call").related_model
        self.fields["call"].queryset = call.objects.published().order_by("-deadline", "-pk")


def published_call(slug):
    """The published funding call named by ``slug`` (from ``?call=`` on a new project), or None
    for anything else a browser may send."""
    if not isinstance(slug, str) or not slug or len(slug) > 255:
        return None
    call = FundingApplication._meta.get_field("call").related_model
    return call.objects.published().filter(slug=slug).first()


def project_formsets(data=None, *, instance, people, call=None):
    """The inline formsets of the project form: budget lines, milestones, people with a role and
    applications to funding calls.

    ``people`` are those who may be named: members of the lead and partner organisations.
    ``call``: a funding call the new project applies to, chosen in the first application row.
    """
    kwargs = {"extra": 2, "can_delete": True, "max_num": 50, "validate_max": True}
    budget = forms.inlineformset_factory(Project, BudgetLine, form=BudgetLineForm, **kwargs)
    milestones = forms.inlineformset_factory(Project, Milestone, form=MilestoneForm, **kwargs)
    team = forms.inlineformset_factory(Project, ProjectPerson, form=ProjectPersonForm, **kwargs)
    applications = forms.inlineformset_factory(
        Project, FundingApplication, form=FundingApplicationForm, **kwargs
    )
    return [
        budget(data, instance=instance, prefix="budget"),
        milestones(data, instance=instance, prefix="milestones"),
        team(data, instance=instance, prefix="people", form_kwargs={"people": people}),
        applications(
            data,
            instance=instance,
            prefix="funding",
            initial=[{"call": call.pk}] if call is not None else None,
        ),
    ]


class ProjectJoinForm(BootstrapMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Our organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    message = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What your organisation would bring and what you hope to do together."),
        validators=limit_validators(ProjectJoinRequest, "message"),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[org.pk for org in organisations]
        )


class ProjectDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("decline", _("Decline"))])


class ProgressReportForm(BootstrapMixin, forms.ModelForm):
    attachments = MultipleFileField(
        label=_("Files"),
        required=False,
        help_text=_("PDF, Word, Excel, PowerPoint or images, up to %(mb)d MB each.")
        % {"mb": MAX_ATTACHMENT_BYTES // (1024 * 1024)},
    )

    class Meta:
        model = ProgressReport
        fields = ["text", "spent"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, milestones, **kwargs):
        super().__init__(*args, **kwargs)
        self.milestones = list(milestones)
        for milestone in self.milestones:
            self.fields[f"milestone_{milestone.pk}"] = forms.ChoiceField(
                label=milestone.title,
                choices=Milestone.Status.choices,
                initial=milestone.status,
                widget=forms.Select(attrs={"class": "form-select"}),
            )

    def clean_attachments(self):
        return checked_uploads(self.cleaned_data.get("attachments"))

    def milestone_status(self) -> dict[int, str]:
        return {m.pk: self.cleaned_data[f"milestone_{m.pk}"] for m in self.milestones}

    def clean_text(self):
        text = self.cleaned_data["text"]
        if not text.strip():
            raise ValidationError(_("Say what happened since the last report."))
        return text
