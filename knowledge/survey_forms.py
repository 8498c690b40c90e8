"""The answer form, built from a survey's questions (one field per question)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from network.lib.forms import BootstrapMixin
from network.lib.textlimits import limit_validators

from .models import SurveyAnswer, SurveyQuestion

SCALE = [(str(n), str(n)) for n in range(1, 6)]


class SurveyAnswerForm(BootstrapMixin, forms.Form):
    """``questions`` come with their options prefetched: building and validating the form costs
    no query. Cleaned option answers are ``SurveyOption`` rows (a list for several choices)."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.options = {}
        for question in questions:
            self.fields[f"q{question.pk}"] = self._field(question)
        self.style()  # the fields were added after BootstrapMixin styled the (empty) form

    def _field(self, question: SurveyQuestion):
        common = {"label": question.text, "required": question.required}
        if question.has_options:
            options = list(question.options.all())
            self.options.update({str(option.pk): option for option in options})
            choices = [(str(option.pk), option.label) for option in options]
            if question.kind == SurveyQuestion.Kind.SINGLE:
                return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
            return forms.MultipleChoiceField(
                choices=choices, widget=forms.CheckboxSelectMultiple, **common
            )
        if question.kind == SurveyQuestion.Kind.SCALE:
            return forms.TypedChoiceField(
                choices=SCALE,
                coerce=int,
                empty_value=None,
                widget=forms.RadioSelect,
                help_text=_("1 = least, 5 = most"),
                **common,
            )
        return forms.CharField(
            widget=forms.Textarea(attrs={"rows": 3}),
            validators=limit_validators(SurveyAnswer, "text"),
            **common,
        )

    def clean(self):
        cleaned = super().clean()
        for question in self.questions:
            name = f"q{question.pk}"
            given = cleaned.get(name)
            if question.kind == SurveyQuestion.Kind.SINGLE and given:
                cleaned[name] = self.options[given]
            elif question.kind == SurveyQuestion.Kind.MULTIPLE and given:
                cleaned[name] = [self.options[pk] for pk in given]
        return cleaned
