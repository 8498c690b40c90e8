"""Every free text people write has a length limit in the model, with a translated message."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation

from network.lib.markup import RenderedMarkdownField
from network.lib.textlimits import MaxCharsValidator

APPS = ("members", "events", "knowledge")


def written_text_fields():
    for app in APPS:
        for model in apps.get_app_config(app).get_models():
            for field in model._meta.get_fields():
                if (
                    isinstance(field, models.TextField)
                    and field.editable
                    and not isinstance(field, RenderedMarkdownField)
                ):
                    yield pytest.param(field, id=f"{model.__name__}.{field.name}")


@pytest.mark.parametrize("field", written_text_fields())
def test_every_text_people_write_has_a_length_limit(field):
    limits = [v.limit_value for v in field.validators if isinstance(v, MaxCharsValidator)]
    assert len(limits) == 1 and 1_000 <= limits[0] <= 50_000


def test_there_are_texts_to_check():
    assert len(list(written_text_fields())) >= 30


@pytest.mark.parametrize(("language", "words"), [("en", "too long"), ("th", "ยาวเกินไป")])
def test_the_message_gives_the_limit_and_the_length_in_the_visitors_language(language, words):
    with translation.override(language):
        with pytest.raises(ValidationError) as caught:
            MaxCharsValidator(2_000)("ก" * 2_345)
        message = caught.value.messages[0]
    assert words in message and "2,000" in message and "2,345" in message


def test_text_at_the_limit_passes():
    MaxCharsValidator(10)("x" * 10)
