"""Recording e-mails in the outbox (in the caller's transaction) and handing them to Celery."""

import base64
import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, connection, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from network.lib import emails as email_lib

from .kinds import switch_for
from .models import EmailPreferences, Frequency, OutboxMessage, Suppression

log = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "network.outbox.unsubscribe"


# --- who wants what ------------------------------------------------------------------------------


def preferences_of(user) -> EmailPreferences | None:
    """The user's preferences row, or None for the defaults (uses a prefetched row if there)."""
    if user is None or not getattr(user, "pk", None):
        return None
    try:
        return user.email_preferences
    except EmailPreferences.DoesNotExist:
        return None


def wants(user, kind: str) -> bool:
    """Whether ``user``'s preferences allow an e-mail of ``kind``."""
    prefs = preferences_of(user)
    if prefs is None:
        return True
    switch = switch_for(kind)
    if switch == "digest":
        return prefs.digest != Frequency.NEVER
    if switch:
        return bool(getattr(prefs, switch))
    return kind not in prefs.muted_kinds


def language_of(user) -> str:
    person = getattr(user, "person", None)
    return getattr(person, "language", "") or settings.LANGUAGE_CODE


def unsubscribe_token(address: str, kind: str) -> str:
    return signing.dumps([address.lower(), kind], salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[str, str]:
    """(address, kind) from a token; raises ``signing.BadSignature`` for a forged or altered one."""
    value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)):
        raise signing.BadSignature("Unexpected token content")
    return value[0], value[1]


def absolute_url(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse(name, kwargs=kwargs or None)


def _preferences_url(language: str) -> str:
    try:
        return absolute_url("preferences", language)
    except NoReverseMatch:  # URLconfs without the network's pages (never in the portal)
        return ""


# --- recording -----------------------------------------------------------------------------------


def about_key(about) -> tuple[ContentType | None, int | None, str]:
    if about is None:
        return None, None, ""
    content_type = ContentType.objects.get_for_model(about)
    return content_type, about.pk, f"{content_type.app_label}.{content_type.model}:{about.pk}"


def _recipient(to) -> tuple[str, object | None]:
    if isinstance(to, str):
        return to.strip(), None
    return (getattr(to, "email", "") or "").strip(), to


def _suppressed(address: str, kind: str) -> bool:
    return Suppression.objects.filter(address__iexact=address, kind__in=[kind, "*"]).exists()


def prepare(
    name: str,
    *,
    kind: str,
    to,
    context=None,
    language=None,
    about=None,
    period: str = "",
    bulk: bool = False,
    attachments=(),
    reply_to=(),
    message: EmailMessage | None = None,
    stencil: email_lib.Stencil | None = None,
    personal: dict | None = None,
    check_preferences: bool = True,
    check_existing: bool = True,
) -> OutboxMessage | None:
    """Render one e-mail into an unsaved row; None when the recipient does not want it (or, with
    ``check_existing``, when its key is recorded already).

    ``message`` is an already rendered message (allauth renders its own); ``name`` is then only
    informative. ``stencil`` (from :func:`stencil`) is the e-mail rendered once for many
    recipients, filled in with ``personal`` and this recipient's unsubscribe link. Bulk senders
    (digests) check existing keys for a whole batch at once instead.
    """
    address, user = _recipient(to)
    if not address:
        return None
    if check_preferences and user is not None and not wants(user, kind):
        return None
    if bulk and user is None and _suppressed(address, kind):
        return None
    content_type, object_id, key_of_about = about_key(about)
    key = {"recipient": address.lower(), "kind": kind, "about_key": key_of_about, "period": period}
    if check_existing and OutboxMessage.objects.filter(**key).exists():
        return None
    language = language or (language_of(user) if user is not None else settings.LANGUAGE_CODE)

    headers = {}
    extra = {} if stencil is not None else footer_context(kind, language, account=user is not None)
    if bulk:
        token = unsubscribe_token(address, kind)
        unsubscribe_url = absolute_url("unsubscribe", language, token=token)
        headers = {
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
        extra["unsubscribe_url"] = unsubscribe_url
    if stencil is not None:
        message = stencil.message({**(personal or {}), **extra}, to=[address])
    elif message is None:
        message = email_lib.build(
            name,
            to=[address],
            context={**extra, **(context or {})},
            language=language,
            attachments=attachments,
            reply_to=reply_to,
        )
    html = next(
        (c for c, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"), ""
    )
    return OutboxMessage(
        **key,
        user=user if user is not None and user.pk else None,
        language=language,
        content_type=content_type,
        object_id=object_id,
        bulk=bulk,
        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        subject=message.subject[:998],
        body_text=message.body,
        body_html=html,
        headers={**(message.extra_headers or {}), **headers},
        reply_to=list(message.reply_to),
        attachments=[_encode_attachment(a) for a in message.attachments],
        next_attempt_at=timezone.now(),
    )


def footer_context(kind: str, language: str, *, account: bool) -> dict:
    """What every e-mail's footer says: why the person got it and (for an account) where to
    change their preferences."""
    return {"preferences_url": _preferences_url(language) if account else "", "why": why_text(kind)}


def stencil(
    name: str, *, kind: str, language: str, context: dict, personal=(), bulk: bool = False
) -> email_lib.Stencil:
    """E-mail ``name`` rendered once for many accounts of one language (see ``prepare``). The
    caller puts ``Stencil.marker(key)`` in ``context`` for each key of ``personal``; for bulk mail
    the unsubscribe link is left to fill in too."""
    footer = footer_context(kind, language, account=True)
    if bulk:
        personal = (*personal, "unsubscribe_url")
        footer["unsubscribe_url"] = email_lib.Stencil.marker("unsubscribe_url")
    return email_lib.Stencil(
        name,
        context={**footer, **context},
        language=language,
        personal=personal,
    )


def record(name: str, **kwargs) -> OutboxMessage | None:
    """Render and store one e-mail; None when its key exists or the recipient does not want it."""
    row = prepare(name, **kwargs)
    if row is None:
        return None
    try:
        # A savepoint: a concurrent twin loses here without spoiling the caller's transaction.
        with transaction.atomic():
            row.save(force_insert=True)
    except IntegrityError:
        return None
    return row


def record_many(rows: list[OutboxMessage]) -> int:
    """Insert prepared rows; rows whose key exists already are skipped. How many were recorded.

    The rows are streamed with COPY into a temporary table and moved with one INSERT … ON
    CONFLICT DO NOTHING: a constant four statements per call, and no SQL text with a placeholder
    per value to build and parse (``bulk_create`` spent half the digest's build time on that).
    """
    if not rows:
        return 0
    fields = [field for field in OutboxMessage._meta.concrete_fields if not field.primary_key]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    table = connection.ops.quote_name(OutboxMessage._meta.db_table)
    # Every name is ours; every value travels in the COPY stream. No savepoint: a failure here
    # fails the caller's transaction anyway.
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE outbox_incoming AS SELECT {columns} FROM {table} WITH NO DATA"  # noqa: S608
        )
        with cursor.copy(f"COPY outbox_incoming ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(
                    [
                        field.get_db_prep_save(field.pre_save(row, add=True), connection)
                        for field in fields
                    ]
                )
        cursor.execute(
            f"INSERT INTO {table} ({columns}) SELECT {columns} FROM outbox_incoming "  # noqa: S608
            "ON CONFLICT DO NOTHING"
        )
        recorded = cursor.rowcount
        cursor.execute("DROP TABLE outbox_incoming")
    return recorded


def _encode_attachment(attachment) -> list:
    filename, content, mimetype = attachment
    if isinstance(content, str):
        content = content.encode()
    return [filename, base64.b64encode(content).decode("ascii"), mimetype or ""]


def queue(name: str, **kwargs) -> OutboxMessage | None:
    """Record the e-mail now and send it from a Celery task once the transaction commits."""
    row = record(name, **kwargs)
    if row is not None:
        enqueue_on_commit(row.pk)
    return row


def enqueue_on_commit(pk: int) -> None:
    transaction.on_commit(lambda: enqueue(pk))


def enqueue(pk: int) -> bool:
    """Hand row ``pk`` to a worker. A broker that is down never fails the request: the row
    stays queued and the periodic sweep (``network.tasks.deliver_outbox``) sends it."""
    from network.tasks import send_outbox_message

    try:
        send_outbox_message.apply_async((pk,), retry_policy={"max_retries": 1, "interval_max": 0.5})
    except Exception:
        log.exception("Could not enqueue outbox message %s; the sweep will send it", pk)
        return False
    return True


def enqueue_sweep_on_commit(workers: int = 2) -> None:
    """After a bulk run: wake ``workers`` sweeps that send the queued rows in batches."""

    def wake():
        from network.tasks import deliver_outbox

        for _worker in range(workers):
            try:
                deliver_outbox.apply_async(retry_policy={"max_retries": 1, "interval_max": 0.5})
            except Exception:
                log.exception("Could not wake the outbox sweep; the beat will run it")
                return

    transaction.on_commit(wake)


def why_text(kind: str):
    """One sentence saying why the person got an e-mail of ``kind`` (lazy: rendered in the
    recipient's language)."""
    switch = switch_for(kind)
    if switch == "digest":
        return _("You receive this digest because you are a member of the network's portal.")
    if switch == "reminders":
        return _("You receive this reminder because of your part in this event, pledge or project.")
    if switch == "announcements":
        return _(
            "You receive this announcement because you have an account on the network's portal."
        )
    return _("You receive this e-mail because of your account on the network's portal.")


# --- preferences and unsubscribing ---------------------------------------------------------------


def save_preferences(*, user, form) -> EmailPreferences:
    """Save the preferences form; the e-mail language is the person's (created if missing)."""
    from members.models import Person

    with transaction.atomic():
        prefs = form.save(commit=False)
        prefs.user = user
        prefs.save()
        form.save_m2m()
        person, _created = Person.objects.get_or_create(
            user=user, defaults={"email": user.email, "language": form.cleaned_data["language"]}
        )
        if person.language != form.cleaned_data["language"]:
            person.language = form.cleaned_data["language"]
            person.save(update_fields=["language"])
    return prefs


def unsubscribe(*, address: str, kind: str) -> None:
    """Stop e-mails of ``kind`` to ``address``: the account's preference switch when the address
    belongs to an account, else a suppression of the address."""
    from members.models import User

    switch = switch_for(kind)
    with transaction.atomic():
        user = User.objects.filter(email__iexact=address).first()
        if user is None:
            Suppression.objects.get_or_create(address=address.lower(), kind=kind)
            return
        prefs, _created = EmailPreferences.objects.select_for_update().get_or_create(user=user)
        if switch == "digest":
            prefs.digest = Frequency.NEVER
        elif switch:
            setattr(prefs, switch, False)
        elif kind not in prefs.muted_kinds:
            prefs.muted_kinds = [*prefs.muted_kinds, kind]
        prefs.save()


def is_unsubscribed(*, address: str, kind: str) -> bool:
    from members.models import User

    user = User.objects.filter(email__iexact=address).first()
    if user is None:
        return _suppressed(address, kind)
    return not wants(user, kind)
