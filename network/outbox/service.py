"""Recording e-mails in the outbox (in the caller's transaction) and handing them to Celery."""

import base64
import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
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
    check_preferences: bool = True,
    check_existing: bool = True,
) -> OutboxMessage | None:
    """Render one e-mail into an unsaved row; None when the recipient does not want it (or, with
    ``check_existing``, when its key is recorded already).

    ``message`` is an already rendered message (allauth renders its own); ``name`` is then only
    informative. Bulk senders (digests) check existing keys for a whole batch at once instead.
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
    extra = {
        "preferences_url": _preferences_url(language) if user is not None else "",
        "why": why_text(kind),
    }
    if bulk:
        token = unsubscribe_token(address, kind)
        unsubscribe_url = absolute_url("unsubscribe", language, token=token)
        headers = {
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
        extra["unsubscribe_url"] = unsubscribe_url
    if message is None:
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


def record_many(rows: list[OutboxMessage]) -> None:
    """Insert prepared rows in one statement; rows whose key exists already are skipped."""
    OutboxMessage.objects.bulk_create(rows, ignore_conflicts=True)


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


def run_after_commit(task, *args) -> None:
    """``task.delay(*args)`` after commit; a broker that is down is logged, never raised."""

    def send():
        try:
            task.apply_async(args, retry_policy={"max_retries": 1, "interval_max": 0.5})
        except Exception:
            log.exception("Could not enqueue %s%r", task.name, args)

    transaction.on_commit(send)


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
