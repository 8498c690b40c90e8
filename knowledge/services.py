"""Writes in the library and the discussions: posting, review, replies, comments, flags."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event
from members.access import is_coordinator
from network.lib.thai import slug_text
from network.lib.uploads import CheckedFile, safe_filename

from . import emails
from .models import Comment, Flag, Reply, Resource, Thread

# A member's first resources go to a coordinator; after this many are published they go live at once.
TRUSTED_AFTER_PUBLISHED = 2
# New accounts (younger than this) may post at most POSTS_PER_HOUR things an hour.
NEW_MEMBER_DAYS = 30
POSTS_PER_HOUR = 5
# Markdown preview: characters one person may have rendered a minute. Rendering is linear but pure
# Python (at worst about 50 µs a character), so this bounds one member to a few seconds of CPU a minute.
PREVIEW_CHARS_PER_MINUTE = 200_000
# Paths under /knowledge/ that a resource's slug must never take.
RESERVED_SLUGS = {
    "new",
    "preview",
    "tags",
    "feed",
    "review",
    "files",
    "discussions",
    "flag",
    "events",
}


class KnowledgeError(Exception):
    """A write that cannot be made; ``str()`` is a message for the user."""


class RateLimited(KnowledgeError):
    pass


class NotInReview(KnowledgeError):
    pass


class AlreadyFlagged(KnowledgeError):
    pass


# --- Posting limits ----------------------------------------------------------------------------


def is_new_member(user) -> bool:
    if is_coordinator(user):
        return False
    joined = user.date_joined or timezone.now()
    return joined > timezone.now() - dt.timedelta(days=NEW_MEMBER_DAYS)


def check_rate(user) -> None:
    """Count one post for a new member; raise RateLimited past the hourly allowance.

    The counter lives in the cache (Redis), so it holds across web processes.
    """
    if not is_new_member(user):
        return
    limit = getattr(settings, "KNOWLEDGE_POSTS_PER_HOUR", POSTS_PER_HOUR)
    key = f"knowledge:posts:{user.pk}:{timezone.now():%Y%m%d%H}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=3600)
        count = 1
    if count > limit:
        raise RateLimited(
            _("New members may post %(limit)d times an hour. Please try again later.")
            % {"limit": limit}
        )


def check_preview_budget(user, *, chars: int) -> None:
    """Count ``chars`` previewed characters for ``user``; raise RateLimited past the allowance."""
    key = f"knowledge:preview:{user.pk}:{timezone.now():%Y%m%d%H%M}"
    cache.add(key, 0, timeout=120)
    try:
        used = cache.incr(key, max(chars, 1))
    except ValueError:
        cache.set(key, chars, timeout=120)
        used = chars
    if used > PREVIEW_CHARS_PER_MINUTE:
        raise RateLimited(_("You asked for many previews in a short time. Please wait a minute."))


# --- Resources ----------------------------------------------------------------------------------


def unique_resource_slug(*titles: str) -> str:
    # The English title when there is one, else the Thai title romanised ("resource" only when
    # neither gives letters).
    base = slug_text(*titles)[:80].strip("-") or "resource"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or Resource.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def needs_review(user) -> bool:
    """A member's first resources are checked by a coordinator before they are published."""
    if is_coordinator(user):
        return False
    published = Resource.objects.filter(created_by=user, status=Resource.Status.PUBLISHED).count()
    return published < TRUSTED_AFTER_PUBLISHED


def add_files(related_manager, files: list[tuple[object, CheckedFile]]) -> None:
    """Store checked uploads as ``StoredFile`` rows of their owner (``resource.attachments``,
    ``call.documents``), after the ones it has."""
    start = related_manager.count()
    for offset, (upload, checked) in enumerate(files):
        related_manager.create(
            file=upload,
            filename=safe_filename(upload.name),
            file_kind=checked.file_kind,
            content_type=checked.content_type,
            size=checked.size,
            position=start + offset,
        )


def save_resource(
    *,
    user,
    form,
    files: list[tuple[object, CheckedFile]] = (),
    submit: bool,
) -> Resource:
    """Save a new or edited resource from ``form``; ``submit`` sends it on (review or publication).

    Posting without review is for coordinators and members whose earlier resources were
    published; everyone else's resource waits for a coordinator, who is told by e-mail.

    The same rule holds for changes: when someone who still needs review changes a published
    resource, it leaves the site and goes back to review (or to draft, if saved as a draft), so
    no text reaches the public unchecked. Notifying coordinators after the fact would leave the
    new text public until someone looked.
    """
    creating = form.instance.pk is None
    if creating:
        check_rate(user)
    with transaction.atomic():
        resource = form.save(commit=False)
        if creating:
            resource.created_by = user
            resource.slug = unique_resource_slug(resource.title_en, resource.title_th)
            resource.status = Resource.Status.DRAFT
        elif (
            resource.status == Resource.Status.PUBLISHED
            and (form.has_changed() or files)
            and needs_review(user)
        ):
            resource.status = Resource.Status.DRAFT
        sent_for_review = False
        if submit and resource.status in (Resource.Status.DRAFT, Resource.Status.IN_REVIEW):
            if needs_review(user):
                sent_for_review = resource.status != Resource.Status.IN_REVIEW
                resource.status = Resource.Status.IN_REVIEW
            else:
                resource.publish(by=user)
        resource.save()
        form.save_m2m()
        if creating and not resource.authors.exists():
            person = getattr(user, "person", None)
            if person is not None:
                resource.authors.add(person)
        add_files(resource.attachments, list(files))
        if sent_for_review:
            emails.queue_review_request(resource)
    return resource


def publish_resource(*, resource: Resource, by) -> Resource:
    """A coordinator publishes a resource that was waiting for review; the poster is told."""
    with transaction.atomic():
        resource = Resource.objects.select_for_update().get(pk=resource.pk)
        if resource.status not in (Resource.Status.IN_REVIEW, Resource.Status.DRAFT):
            raise NotInReview(_("This resource is not waiting for review."))
        resource.publish(by=by)
        resource.save()
        emails.queue_review_decision(resource)
    return resource


def return_resource(*, resource: Resource, by, comment: str) -> Resource:
    """A coordinator sends a resource back to its poster as a draft, saying what to change."""
    with transaction.atomic():
        resource = Resource.objects.select_for_update().get(pk=resource.pk)
        if resource.status != Resource.Status.IN_REVIEW:
            raise NotInReview(_("This resource is not waiting for review."))
        resource.status = Resource.Status.DRAFT
        resource.review_comment = comment
        resource.reviewed_by = by
        resource.save()
        emails.queue_review_decision(resource)
    return resource


def delete_attachment(*, attachment) -> None:
    """Remove a stored file (a resource's attachment, a funding call's document)."""
    with transaction.atomic():
        attachment.file.delete(save=False)
        attachment.delete()


# --- Discussions ----------------------------------------------------------------------------------


def start_thread(*, user, form) -> Thread:
    check_rate(user)
    with transaction.atomic():
        thread = form.save(commit=False)
        thread.author = user
        thread.last_activity = timezone.now()
        thread.save()
        form.save_m2m()
    return thread


def reply(*, user, thread: Thread, body: str) -> Reply:
    check_rate(user)
    with transaction.atomic():
        answer = Reply.objects.create(thread=thread, author=user, body=body)
        Thread.objects.filter(pk=thread.pk).update(
            reply_count=F("reply_count") + 1, last_activity=timezone.now()
        )
        emails.queue_reply_notice(answer)
    return answer


def mark_helpful(*, reply: Reply, helpful: bool = True) -> Reply:
    with transaction.atomic():
        reply.is_helpful = helpful
        reply.save(update_fields=["is_helpful"])
    return reply


def comment(
    *, user, body: str, resource: Resource | None = None, event: Event | None = None
) -> Comment:
    check_rate(user)
    with transaction.atomic():
        return Comment.objects.create(author=user, body=body, resource=resource, event=event)


# --- Moderation -------------------------------------------------------------------------------------


def flag(*, user, content, reason: str, note: str = "") -> Flag:
    """Record a member's report (one open report per person and post) and tell the coordinators
    (through the outbox, in the same transaction)."""
    try:
        with transaction.atomic():
            report = Flag.objects.create(
                content_type=ContentType.objects.get_for_model(content),
                object_id=content.pk,
                reporter=user,
                reason=reason,
                note=note,
            )
            emails.queue_flag_raised(report)
            return report
    except IntegrityError:
        raise AlreadyFlagged(_("You have already reported this.")) from None


def set_hidden(*, content, hidden: bool) -> None:
    """Hide or restore a thread, reply or comment and close its open flags accordingly."""
    with transaction.atomic():
        content.is_hidden = hidden
        content.save(update_fields=["is_hidden"])
        Flag.objects.open().filter(
            content_type=ContentType.objects.get_for_model(content), object_id=content.pk
        ).update(status=Flag.Status.HIDDEN if hidden else Flag.Status.DISMISSED)
