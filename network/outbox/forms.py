from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from members.models import Region, Topic
from network.lib.forms import BootstrapMixin

from .models import EmailPreferences


class PreferencesForm(BootstrapMixin, forms.ModelForm):
    language = forms.ChoiceField(
        label=_("Language of my e-mails"), choices=settings.LANGUAGES, widget=forms.RadioSelect
    )

    class Meta:
        model = EmailPreferences
        fields = [
            "digest",
            "topics",
            "regions",
            "replies",
            "join_requests",
            "event_changes",
            "review_results",
            "reminders",
            "announcements",
        ]
        widgets = {"digest": forms.RadioSelect, "topics": forms.CheckboxSelectMultiple}
        help_texts = {
            "topics": _("What matches your topics and regions comes first in your digest."),
        }

    regions = forms.MultipleChoiceField(
        label=_("regions of interest"),
        choices=Region.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = Topic.objects.order_by("position", "name_en")
        self.fields["topics"].required = False
