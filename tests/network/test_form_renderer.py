"""Django's widgets render through the Jinja2 copies of their templates; everything else (the
admin's widgets, form layouts) through the template language, with the same markup."""

import re

import pytest
from django import forms
from django.contrib.admin.widgets import AdminDateWidget
from django.forms.renderers import DjangoTemplates
from django.template.backends.django import Template as DjangoTemplate
from django.template.backends.jinja2 import Template as Jinja2Template

from network.lib.forms import FormRenderer


class Choices(forms.Form):
    kind = forms.ChoiceField(choices=[("a", "<A>"), ("b", "B & co")], initial="b")
    tags = forms.MultipleChoiceField(
        choices=[("x", "X"), ("y", "Y")], widget=forms.CheckboxSelectMultiple
    )
    when = forms.DateField(widget=AdminDateWidget)


def markup(html) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", str(html))).strip()


def test_the_site_renders_django_widgets_with_jinja2_and_the_rest_with_templates():
    renderer = FormRenderer()
    assert isinstance(renderer.get_template("django/forms/widgets/select.html"), Jinja2Template)
    assert isinstance(renderer.get_template("admin/widgets/date.html"), DjangoTemplate)
    assert isinstance(renderer.get_template("django/forms/div.html"), DjangoTemplate)


@pytest.mark.parametrize("name", ["kind", "tags", "when"])
def test_widgets_have_the_same_markup_as_with_the_template_language(name):
    ours, django = Choices(renderer=FormRenderer()), Choices(renderer=DjangoTemplates())
    assert markup(ours[name]) == markup(django[name])
    assert "&lt;A&gt;" in markup(ours["kind"]) and 'value="b" selected' in markup(ours["kind"])
