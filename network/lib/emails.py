"""Every e-mail is three templates — ``<name>_subject.txt``, ``<name>_body.txt``, ``<name>_body.html``
— rendered in the recipient's language and sent as one multipart message.

Apps send with :func:`queue`: the message is rendered and recorded in the outbox (``network.outbox``)
in the current transaction and sent by a Celery task after commit, exactly once.
"""

import re
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

# SMTP allows lines of at most 998 bytes; Django sends a part with a longer line as
# quoted-printable, which turns each byte of Thai text into three ("=E0=B8=99") and costs the
# sender several times the CPU of a part sent as it is (8bit).
MAX_LINE_BYTES = 998
_TAG_WITH_ATTRIBUTES = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*) ")


def short_lines(html: str) -> str:
    """``html`` with every line longer than SMTP allows broken inside its tags (``<a href=…>``
    becomes ``<a⏎href=…>``), as few times as needed: whitespace between a tag's name and its
    attributes means the same, so the page renders as before, and the part can travel as 8bit.
    A long run of text without tags stays as it is (that part is then sent quoted-printable)."""
    if all(len(line.encode()) <= MAX_LINE_BYTES for line in html.splitlines()):
        return html
    return "\n".join(
        _break_line(line) if len(line.encode()) > MAX_LINE_BYTES else line
        for line in html.split("\n")
    )


def _break_line(line: str) -> str:
    pieces = _TAG_WITH_ATTRIBUTES.sub("<\\1\n", line).split("\n")
    lines, current, size = [], pieces[0], len(pieces[0].encode())
    for piece in pieces[1:]:
        length = len(piece.encode())
        if size + 1 + length <= MAX_LINE_BYTES:  # 1: the space the break replaces
            current, size = f"{current} {piece}", size + 1 + length
        else:
            lines.append(current)
            current, size = piece, length
    lines.append(current)
    return "\n".join(lines)


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
    message.attach_alternative(short_lines(html), "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message


class Stencil:
    """One e-mail rendered once for many recipients, for bulk senders (the digest).

    The strings that differ between recipients (a name, an unsubscribe link) are rendered as
    markers (:meth:`marker`) and filled in per recipient by :meth:`message` — escaped in the HTML
    part, as the template would have escaped them — which costs a few string replacements instead
    of rendering three templates again. Only plain strings may differ: whatever changes the shape
    of the e-mail (a list, an ``{% if %}``) belongs in the key under which the caller keeps its
    stencils, or the recipient's e-mail is rendered whole with :func:`build`.
    """

    def __init__(self, name: str, *, context: Mapping, language: str, personal: Iterable[str]):
        self.personal = tuple(personal)
        self.rendered = build(name, to=[], context=context, language=language)
        self.html = next(c for c, mimetype in self.rendered.alternatives if mimetype == "text/html")

    @staticmethod
    def marker(key: str) -> str:
        # Private-use characters: left alone by escaping and filters, never in real text.
        return f"\ue000{key}\ue001"

    def message(self, values: Mapping[str, str], *, to: Iterable[str]) -> EmailMultiAlternatives:
        if set(values) != set(self.personal):
            raise ValueError(f"A stencil needs exactly {self.personal}, not {sorted(values)}")
        subject, body, html = self.rendered.subject, self.rendered.body, self.html
        for key, value in values.items():
            marker = self.marker(key)
            subject = subject.replace(marker, " ".join(value.split()))
            body = body.replace(marker, value)
            html = html.replace(marker, escape(value))
        message = EmailMultiAlternatives(
            subject=subject,
            body=body,
            from_email=self.rendered.from_email,
            to=list(to),
            headers=dict(self.rendered.extra_headers),
            reply_to=list(self.rendered.reply_to),
        )
        message.attach_alternative(short_lines(html), "text/html")
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
