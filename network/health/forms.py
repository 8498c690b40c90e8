from django import forms


class NudgeForm(forms.Form):
    kind = forms.ChoiceField(choices=[("person", "person"), ("organisation", "organisation")])
    pk = forms.IntegerField(min_value=1, max_value=2**62)
