"""Every e-mail is three templates — ``<name>_subject.txt``, ``<name>_body.txt``, ``<name>_body.html``
— rendered in the recipient's language and sent as one multipart message.

Apps send with :func:`queue`: the message is rendered and recorded in the outbox (``network.outbox``)
in the current transaction and sent by a Celery task after commit, exactly once.
"""

from collections.abc import Iterable, Mapping

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext


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
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        # The configured name is the English one; Thai e-mails sign with its translation.
        ctx = {"site_url": settings.SITE_URL, "site_name": gettext(settings.SITE_NAME)}
        ctx.update(context or {})
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


def queue(
    name: str,
    *,
    kind: str,
    to,
    context: Mapping | None = None,
    language: str | None = None,
    about=None,
    period: str = "",
    bulk: bool = False,
    attachments: Iterable[tuple[str, bytes | str, str]] = (),
    reply_to: Iterable[str] = (),
):
    """Record e-mail ``name`` for one recipient in the outbox and send it after commit.

    ``to`` is a ``members.User`` (address, language and preferences come from it) or an address.
    ``about`` is the object the e-mail is about. (recipient, ``kind``, ``about``, ``period``) is
    unique: when that key exists already, or the recipient switched ``kind`` off, nothing is
    recorded and None is returned. ``bulk=True`` adds RFC 8058 one-click unsubscribe headers.
    Returns the ``OutboxMessage`` row.
    """
    from network.outbox import service  # the outbox is a model; this module stays plumbing

    return service.queue(
        name,
        kind=kind,
        to=to,
        context=context,
        language=language,
        about=about,
        period=period,
        bulk=bulk,
        attachments=tuple(attachments),
        reply_to=tuple(reply_to),
    )
