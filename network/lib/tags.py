"""Free tags (django-taggit) as people type them: each short enough for taggit's columns."""

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

MAX_TAG_LENGTH = Tag._meta.get_field("name").max_length
# taggit stores slugify(name) (which may be longer than the name: "ﬃ" becomes "ffi") in a
# column of the same length, plus "_<n>" when the slug is taken.
MAX_TAG_SLUG_LENGTH = Tag._meta.get_field("slug").max_length - 10


def check_tags(tags) -> list[str]:
    """``tags`` as cleaned by a TaggableManager's form field, or a ValidationError."""
    tags = tags or []
    for tag in tags:
        if len(tag) > MAX_TAG_LENGTH or len(slugify(tag, allow_unicode=True)) > MAX_TAG_SLUG_LENGTH:
            raise ValidationError(
                _("Each tag can have at most %(n)d characters: “%(tag)s…” is longer."),
                params={"n": MAX_TAG_SLUG_LENGTH, "tag": tag[:30]},
                code="max_length",
            )
    return tags
