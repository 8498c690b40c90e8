"""Every form field that is stored in a length-limited column has that column's max length, so
over-long input is a form error, never a DataError (a 500).

Model forms take the length from the model; these are the plain forms' fields that end up in a
column, each paired with its column.
"""

import inspect

import pytest
from django import forms

import events.forms
import knowledge.forms
import members.forms
from events.models import Registration
from knowledge.models import Flag, Resource
from members.models import JoinRequest, Person

PAIRS = [
    (members.forms.JoinForm, "proposed_name_th", JoinRequest, "proposed_name_th"),
    (members.forms.JoinForm, "proposed_name_en", JoinRequest, "proposed_name_en"),
    (members.forms.JoinForm, "name_th", Person, "name_th"),
    (members.forms.JoinForm, "name_en", Person, "name_en"),
    (members.forms.JoinForm, "position", Person, "position"),
    (events.forms.RegistrationForm, "diet", Registration, "diet"),
    (events.forms.RegistrationForm, "access", Registration, "access"),
    (events.forms.RegistrationForm, "interpretation", Registration, "interpretation"),
    (knowledge.forms.FlagForm, "note", Flag, "note"),
    (knowledge.forms.ResourceForm, "external_url", Resource, "external_url"),
]
# Plain-form text fields that are not stored in a length-limited column, and why.
NOT_STORED_IN_A_LIMITED_COLUMN = {
    ("JoinForm", "message"): "JoinRequest.message is a TextField",
    ("PledgeUpdateForm", "note"): "PledgeUpdate.note is a TextField",
    ("ReplyForm", "body"): "Reply.body is a TextField",
    ("CommentForm", "body"): "Comment.body is a TextField",
    ("ReturnForm", "comment"): "Resource.review_comment is a TextField",
    ("DirectoryFilterForm", "q"): "a search filter, never stored",
    ("PeopleFilterForm", "q"): "a search filter, never stored",
    ("PeopleFilterForm", "tag"): "a filter by tag name, never stored",
    ("LibraryFilterForm", "q"): "a search filter, never stored",
    ("LibraryFilterForm", "tag"): "a filter, never stored",
    ("LibraryFilterForm", "topic"): "a filter, never stored",
    ("LibraryFilterForm", "city"): "a filter, never stored",
}


@pytest.mark.parametrize(("form", "name", "model", "column"), PAIRS)
def test_form_field_has_its_columns_max_length(form, name, model, column):
    field = form.base_fields[name]
    assert field.max_length == model._meta.get_field(column).max_length


def declared_text_fields():
    for module in (members.forms, events.forms, knowledge.forms):
        for _name, form in inspect.getmembers(module, inspect.isclass):
            if not issubclass(form, forms.BaseForm) or form.__module__ != module.__name__:
                continue
            for name, field in form.declared_fields.items():
                if isinstance(field, forms.CharField):
                    yield form, name


def test_every_declared_text_field_is_paired_with_its_column_or_said_not_to_need_one():
    paired = {(form.__name__, name) for form, name, _m, _c in PAIRS}
    found = {(form.__name__, name) for form, name in declared_text_fields()}
    assert ("JoinForm", "proposed_name_th") in found and ("ReplyForm", "body") in found
    unknown = sorted(
        (form.__name__, name)
        for form, name in declared_text_fields()
        if (form.__name__, name) not in paired | set(NOT_STORED_IN_A_LIMITED_COLUMN)
    )
    assert not unknown, f"pair these with their column in PAIRS: {unknown}"
