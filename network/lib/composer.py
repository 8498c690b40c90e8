"""The e-mail composer's preview, shared by every admin screen that writes to many people
(announcements, the e-mail-registrants action): the message rendered in Thai and in English,
exactly as recipients will get it. Template: ``emails/_composer_preview.html``."""

from collections.abc import Mapping

from django.conf import settings

from .emails import build


def preview(name: str, *, context: Mapping, languages=None) -> list[dict]:
    """[{language, label, subject, text, html}] for each of ``languages`` (all the site's)."""
    labels = dict(settings.LANGUAGES)
    rendered = []
    for language in languages or labels:
        message = build(name, to=["preview@example.org"], context=context, language=language)
        rendered.append(
            {
                "language": language,
                "label": labels.get(language, language),
                "subject": message.subject,
                "text": message.body,
                "html": message.alternatives[0][0] if message.alternatives else "",
            }
        )
    return rendered
