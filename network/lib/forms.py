"""The site's one form styler and one way to filter a list.

``BootstrapMixin`` gives every widget Bootstrap's class, so templates render a field with
``templates/includes/field.html`` (or ``form_fields.html`` for a whole form) and never write a
class by hand. ``FilterForm`` is a list's filter bar (``templates/includes/filters.html``): it
reads the query string, ignores a value that does not validate instead of answering an error
page, and narrows a queryset with one ``filter_<field>`` method per field.
"""

from django import forms
from django.forms.renderers import BaseRenderer, DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist
from django.utils.functional import cached_property

CHECKS = forms.CheckboxSelectMultiple | forms.RadioSelect | forms.CheckboxInput


def style_widget(widget: forms.Widget, size: str = "") -> None:
    """Add Bootstrap's class for ``widget`` (``size`` "sm" or "lg" for a compact or large one),
    keeping any class it already has."""
    if isinstance(widget, forms.HiddenInput):
        return
    if isinstance(widget, CHECKS):
        css = ["form-check-input"]
    elif isinstance(widget, forms.Select):
        css = ["form-select", *([f"form-select-{size}"] if size else [])]
    else:
        css = ["form-control", *([f"form-control-{size}"] if size else [])]
    classes = widget.attrs.get("class", "").split()
    widget.attrs["class"] = " ".join(dict.fromkeys([*classes, *css]))


class FormRenderer(BaseRenderer):
    """The site's ``FORM_RENDERER``: Django's own widgets through the Jinja2 copies of their
    templates that Django ships, every other form template (the form and field layouts, the
    admin's widgets) through the template language as before.

    A select renders one template per option: the library's filter bar took a quarter of an
    uncached library page, and an event's registration form 5 ms, in the template language;
    Jinja2 renders the same markup several times faster."""

    @cached_property
    def jinja2(self):
        return Jinja2()

    @cached_property
    def templates(self):
        return DjangoTemplates()

    def get_template(self, template_name):
        if template_name.startswith("django/forms/widgets/"):
            try:
                return self.jinja2.get_template(template_name)
            except TemplateDoesNotExist:
                pass
        return self.templates.get_template(template_name)


class BootstrapMixin:
    """Give every field's widget Bootstrap's class when the form is made."""

    control_size = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()

    def style(self) -> None:
        """Style the widgets; call again after replacing a widget in ``__init__``."""
        for field in self.fields.values():
            style_widget(field.widget, self.control_size)


class FilterForm(BootstrapMixin, forms.Form):
    """A list's filters, bound to ``request.GET``.

    Every field is optional; ``filter()`` calls ``filter_<name>(queryset, value)`` for each field
    with a valid, non-empty value and skips the others (a crawler's ``?year=abc`` shows the whole
    list, not an error). The fields' names are the query parameters the list reads
    (``@public_page(params=(*Form.base_fields, "page"))``).
    """

    control_size = "sm"

    def values(self) -> dict:
        """The valid, non-empty filter values, by field name."""
        if not self.is_bound:
            return {}
        self.is_valid()  # cleaned_data keeps the fields that are valid
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value not in self.fields[name].empty_values
        }

    def filter(self, queryset, *, ignore=()):
        """``queryset`` narrowed by every valid filter but those named in ``ignore``."""
        for name, value in self.values().items():
            if name not in ignore:
                queryset = getattr(self, f"filter_{name}")(queryset, value)
        return queryset
