"""A tag longer than taggit's columns is a clear form error, not a database error."""

import pytest

from knowledge.models import Resource
from network.lib.tags import MAX_TAG_SLUG_LENGTH

from .test_posting import NEW, form_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "tags",
    [
        "flood, " + "x" * 150,
        "x" * (MAX_TAG_SLUG_LENGTH + 1),
        "\ufb03" * 40,  # "ﬃ": 40 characters whose slug has 120
    ],
)
def test_a_tag_too_long_for_the_database_re_renders_the_form(client_for, coordinator, tags):
    response = client_for(coordinator).post(NEW, form_data(tags=tags))
    assert response.status_code == 400
    assert (
        f"Each tag can have at most {MAX_TAG_SLUG_LENGTH} characters" in response.content.decode()
    )
    assert not Resource.objects.exists()


def test_a_tag_at_the_limit_is_saved(client_for, coordinator):
    tag = "x" * MAX_TAG_SLUG_LENGTH
    assert client_for(coordinator).post(NEW, form_data(tags=tag)).status_code == 302
    assert list(Resource.objects.get().tags.names()) == [tag]
