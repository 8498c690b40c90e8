"""Announcements: a coordinator writes once (Thai and English), picks a segment, previews, sends.

Sending records one outbox row per recipient (batches of constant query count, like digests) and
can publish the announcement as news in the library.
"""

from django.db import transaction
from django.utils import timezone

from knowledge import segments
from knowledge.models import Resource

from .digests import BATCH_SIZE
from .lib import composer
from .outbox import service
from .outbox.models import Announcement, OutboxMessage

KIND = "announcement"
TEMPLATE = "network/emails/announcement"


def audience(announcement: Announcement):
    """(accounts as a queryset, addresses of registrants without an account) in the segment."""
    return segments.audience(announcement)


def recipients(announcement: Announcement) -> list:
    """Users (and, for an event's registrants, addresses of people without an account)."""
    users, guests = audience(announcement)
    return list(users.select_related("person", "email_preferences").order_by("pk")) + guests


def recipient_count(announcement: Announcement) -> int:
    """Who will get it: the segment less those who switched announcements off (two queries)."""
    users, guests = audience(announcement)
    return users.exclude(email_preferences__announcements=False).count() + len(guests)


def context_of(announcement: Announcement) -> dict:
    return {"announcement": announcement}


def preview(announcement: Announcement) -> list[dict]:
    return composer.preview(TEMPLATE, context=context_of(announcement))


def send(announcement: Announcement, *, by=None) -> int:
    """Record the announcement for every recipient of its segment; publish it as news if ticked.
    Sending twice records nobody twice."""
    everyone = recipients(announcement)
    addresses = [(r if isinstance(r, str) else r.email).lower() for r in everyone]
    already = set(
        OutboxMessage.objects.filter(
            kind=KIND, about_key=service.about_key(announcement)[2]
        ).values_list("recipient", flat=True)
    )
    queued = 0
    for start in range(0, len(everyone), BATCH_SIZE):
        rows = []
        for recipient, address in zip(
            everyone[start : start + BATCH_SIZE],
            addresses[start : start + BATCH_SIZE],
            strict=True,
        ):
            if address in already:
                continue
            row = service.prepare(
                TEMPLATE,
                kind=KIND,
                to=recipient,
                about=announcement,
                bulk=True,
                check_existing=False,
                context=context_of(announcement),
            )
            if row is not None:
                rows.append(row)
        with transaction.atomic():
            queued += service.record_many(rows)
    with transaction.atomic():
        if announcement.publish_as_news and announcement.news_id is None:
            announcement.news = _publish_news(announcement, by=by)
        announcement.sent_at = timezone.now()
        announcement.recipients = announcement.recipients + queued
        announcement.save(update_fields=["news", "sent_at", "recipients"])
        service.enqueue_sweep_on_commit()
    return queued


def _publish_news(announcement: Announcement, *, by) -> Resource:
    from knowledge.services import unique_resource_slug

    news = Resource(
        kind=Resource.Kind.NEWS,
        title_th=announcement.title_th,
        title_en=announcement.title_en,
        summary_th=announcement.body_th[:300],
        summary_en=announcement.body_en[:300],
        body_th=announcement.body_th,
        body_en=announcement.body_en,
        language=Resource.Language.BOTH if announcement.body_en else Resource.Language.THAI,
        visibility="public",
        created_by=by,
        slug=unique_resource_slug(announcement.title_en or announcement.title_th),
    )
    news.publish(by=by)
    news.save()
    return news
