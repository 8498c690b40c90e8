"""How long the texts people write may be, and the message when one is longer.

Every free-text column members, editors or coordinators write carries a ``MaxCharsValidator`` in the
model: model forms (the site's and the admin's) run it and show the message under the field with the
text kept; plain forms put the same validator on their field (``limit_validators``).
"""

from django.core.exceptions import ValidationError
from django.core.validators import BaseValidator
from django.utils.deconstruct import deconstructible
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

# A note, a pledge, a join message, a summary.
SHORT = 2_000
# A bio, an address-like block, a site visited, a reviewer's comment.
MEDIUM = 5_000
# An organisation's description, a comment, a case-study section.
LONG = 10_000
# A discussion, a reply, an event's description or report.
VERY_LONG = 20_000
# A library resource's text (and the Markdown preview).
DOCUMENT = 50_000


@deconstructible
class MaxCharsValidator(BaseValidator):
    message = _(
        "This text is too long: shorten it to at most %(limit)s characters (it has %(count)s)."
    )
    code = "max_length"

    def __call__(self, value):
        count = len(value or "")
        if count > self.limit_value:
            raise ValidationError(
                self.message,
                code=self.code,
                params={
                    "limit": number_format(self.limit_value, force_grouping=True),
                    "count": number_format(count, force_grouping=True),
                    "value": value,
                },
            )


def limit_validators(model, field_name: str) -> list:
    """The model field's length validator, for a plain form field that writes that column."""
    validators = model._meta.get_field(field_name).validators
    return [v for v in validators if isinstance(v, MaxCharsValidator)]
