"""Every e-mail is three templates — ``<name>_subject.txt``, ``<name>_body.txt``, ``<name>_body.html``
— rendered in the recipient's language and sent as one multipart message."""

from collections.abc import Iterable, Mapping

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def build(
    name: str,
    *,
    to: Iterable[str],
    context: Mapping | None = None,
    language: str | None = None,
    headers: Mapping[str, str] | None = None,
    attachments: Iterable[tuple[str, bytes | str, str]] = (),
    reply_to: Iterable[str] = (),
) -> EmailMultiAlternatives:
    """Render e-mail ``name`` (e.g. ``"members/emails/join_approved"``) into a message."""
    ctx = {"site_url": settings.SITE_URL, "site_name": settings.SITE_NAME, **(context or {})}
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        subject = render_to_string(f"{name}_subject.txt", ctx)
        body = render_to_string(f"{name}_body.txt", ctx)
        html = render_to_string(f"{name}_body.html", ctx)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(to),
        headers=dict(headers or {}),
        reply_to=list(reply_to),
    )
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message


def send(name: str, **kwargs) -> None:
    """Render and send at once. Call it from a Celery task, not from a request."""
    build(name, **kwargs).send()
