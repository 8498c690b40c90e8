"""The digest: preferences respected, nothing members-only for outsiders, empty ones skipped,
once per period, a constant number of queries per batch."""

import datetime as dt
import io
import re
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from members.models import Topic
from network import digests
from network.models import EmailPreferences, OutboxMessage
from network.outbox import delivery, service
from network.tasks import deliver_outbox
from tests.events.factories import EventFactory
from tests.factories import PersonFactory, UserFactory
from tests.knowledge.factories import ResourceFactory

pytestmark = pytest.mark.django_db
AT = timezone.make_aware(dt.datetime(2026, 11, 30, 7, 0))  # a Monday morning in Bangkok


def published(days_ago=2, **kwargs):
    return ResourceFactory(published_on=(AT - dt.timedelta(days=days_ago)).date(), **kwargs)


def run(frequency="weekly", at=AT):
    outcome = digests.send_digests(frequency=frequency, at=at)
    deliver_outbox()
    return outcome


def digest_to(mailoutbox, address):
    (message,) = [m for m in mailoutbox if m.to == [address]]
    return message


def test_a_weekly_digest_in_each_language_with_buddhist_era_dates(member, outsider, mailoutbox):
    published(title_th="คู่มือรับมือน้ำท่วมเมือง", title_en="Urban flood handbook")
    outsider.person.language = "en"
    outsider.person.save()
    outcome = run()
    assert str(outcome) == "digests: 2 sent, 0 empty, 0 already sent"
    thai = digest_to(mailoutbox, member.email)
    assert "คู่มือรับมือน้ำท่วมเมือง" in thai.body and "คู่มือรับมือน้ำท่วมเมือง" in thai.alternatives[0][0]
    assert "2569" in thai.body  # 2026 in the Buddhist Era
    english = digest_to(mailoutbox, outsider.email)
    assert "Urban flood handbook" in english.body and "2026" in english.body
    assert english.subject.startswith("This week in the network")
    for message in (thai, english):
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "/unsubscribe/" in message.extra_headers["List-Unsubscribe"]
        assert "/accounts/preferences/" in message.body


def test_frequency_and_never_are_respected(member, outsider, editor, mailoutbox):
    published()
    EmailPreferences.objects.create(user=outsider, digest="daily")
    EmailPreferences.objects.create(user=editor, digest="never")
    run("weekly")
    assert [m.to for m in mailoutbox] == [[member.email]]
    mailoutbox.clear()
    published(days_ago=0.5)
    run("daily", at=AT)
    assert [m.to for m in mailoutbox] == [[outsider.email]]


def test_nothing_members_only_reaches_an_outsider(member, outsider, mailoutbox):
    published(title_en="Open guide", title_th="คู่มือเปิด")
    published(title_en="Internal budget notes", title_th="บันทึกงบประมาณภายใน", visibility="members")
    EventFactory(title_th="ประชุมภายใน", visibility="members", start=AT + dt.timedelta(days=5))
    run()
    outsiders = digest_to(mailoutbox, outsider.email)
    members = digest_to(mailoutbox, member.email)
    for part in (outsiders.body, outsiders.alternatives[0][0]):
        assert "คู่มือเปิด" in part
        assert "บันทึกงบประมาณภายใน" not in part and "ประชุมภายใน" not in part
    assert "บันทึกงบประมาณภายใน" in members.body and "ประชุมภายใน" in members.body


def test_what_matches_topics_and_regions_comes_first(member, mailoutbox):
    flooding, heat = Topic.objects.get(slug="flooding"), Topic.objects.exclude(slug="flooding")[0]
    published(days_ago=1, title_th="เรื่องทั่วไป", topics=[heat])
    published(days_ago=3, title_th="เรื่องน้ำท่วม", topics=[flooding])
    published(days_ago=2, title_th="เรื่องภาคใต้", regions=["south"])
    prefs = EmailPreferences.objects.create(user=member, regions=["south"])
    prefs.topics.add(flooding)
    run()
    body = digest_to(mailoutbox, member.email).body
    order = [body.index(t) for t in ("เรื่องน้ำท่วม", "เรื่องภาคใต้", "เรื่องทั่วไป")]
    assert order[2] > max(order[0], order[1])


def test_an_empty_digest_is_not_sent(member, mailoutbox):
    published(days_ago=30)  # older than the week
    assert str(run()) == "digests: 0 sent, 1 empty, 0 already sent"
    assert not mailoutbox and not OutboxMessage.objects.exists()


def test_pledges_due_are_in_the_digest_with_a_link_to_update_them(member, mailoutbox):
    from events.models import Pledge

    event = EventFactory(start=AT - dt.timedelta(days=40))
    pledge = Pledge.objects.create(
        event=event,
        person=member.person,
        action="ปลูกป่าชายเลน",
        due=(AT + dt.timedelta(days=3)).date(),
    )
    run()
    body = digest_to(mailoutbox, member.email).body
    assert "ปลูกป่าชายเลน" in body and f"/events/pledges/{pledge.pk}/update/" in body


def test_a_second_run_in_the_same_period_sends_nothing(member, outsider, mailoutbox):
    published()
    run()
    out = io.StringIO()
    call_command("send_digests", "--frequency", "weekly", "--at", "2026-12-02T09:00", stdout=out)
    assert out.getvalue() == "digests: 0 sent, 0 empty, 2 already sent\n"
    assert len(mailoutbox) == 2
    # A later week is a new period with nothing new in it. It is taken a month after today, not
    # on a fixed date: the rows the test made are new in the week of the day the test runs.
    later = timezone.localtime(timezone.now() + dt.timedelta(days=30)).strftime("%Y-%m-%dT%H:%M")
    out = io.StringIO()
    call_command("send_digests", "--frequency", "weekly", "--at", later, stdout=out)
    assert out.getvalue() == "digests: 0 sent, 2 empty, 0 already sent\n"


def test_queries_per_batch_do_not_grow_with_the_number_of_members(settings):
    published()
    EventFactory(start=AT + dt.timedelta(days=5))

    def queries_for(members):
        OutboxMessage.objects.all().delete()
        for _ in range(members - len(UserFactory._meta.model.objects.all())):
            user = UserFactory()
            PersonFactory(user=user)
        with CaptureQueriesContext(connection) as captured:
            outcome = digests.send_digests(frequency="weekly", at=AT, deliver=False)
        assert outcome.sent == members
        return len(captured)

    assert queries_for(3) == queries_for(40)


def test_a_digest_filled_in_from_the_stencil_is_the_digest_rendered_whole(member):
    """Everyone without pledges gets the digest rendered once and filled in with their name and
    unsubscribe link: it must be exactly what rendering it whole for them gives."""
    published(title_th="น้ำท่วม & <ภัยแล้ง>")
    name = 'สมชาย "O\'Brien" & <Co>'
    member.person.name_th = name
    member.person.save()
    renderer = digests.Renderer(digests.gather("weekly", AT), frequency="weekly")
    key = ("th", True, frozenset(), frozenset())
    sections = renderer.sections(language="th", member=True, topic_ids=key[2], regions=key[3])
    common = {"kind": "digest", "to": member, "period": "p", "bulk": True, "language": "th"}
    with (
        mock.patch.object(service, "unsubscribe_token", return_value="a-token"),
        translation.override("th"),  # the language the member's name is read in
    ):
        stencilled = service.prepare(
            digests.TEMPLATE,
            **common,
            stencil=renderer.stencil(language="th", key=key, sections=sections, named=True),
            personal={"name": member.person.name},
        )
        whole = service.prepare(
            digests.TEMPLATE, **common, context=renderer.context(sections, member.person, [])
        )
    assert member.person.name_th == name
    for part in ("subject", "body_text", "body_html", "headers", "from_email", "language"):
        assert getattr(stencilled, part) == getattr(whole, part), part
    assert name in stencilled.body_text and "&lt;Co&gt;" in stencilled.body_html
    assert "/unsubscribe/a-token/" in stencilled.body_html and "\ue000" not in stencilled.body_html


def test_the_html_part_travels_as_8bit_even_with_long_thai_sections(member, mailoutbox):
    for n in range(8):
        published(title_th=f"คู่มือการปรับตัวต่อการเปลี่ยนแปลงสภาพภูมิอากาศของเทศบาล {n}")
    run()
    row = OutboxMessage.objects.get(recipient=member.email)
    assert max(len(line.encode()) for line in row.body_html.splitlines()) <= 998
    parts = {p.get_content_type(): p for p in delivery.as_email(row).message().walk()}
    assert parts["text/html"]["Content-Transfer-Encoding"] == "8bit"
    assert re.search(r"<[a-z0-9]+\n", row.body_html)  # broken inside a tag, where it means the same


def test_record_many_skips_keys_recorded_already_and_says_how_many_it_recorded(member, outsider):
    published()
    assert digests.send_digests(frequency="weekly", at=AT, deliver=False).sent == 2
    first = OutboxMessage.objects.get(recipient=member.email)
    again = OutboxMessage.objects.filter(pk=first.pk).first()
    again.pk, again.subject = None, "changed"
    assert service.record_many([again]) == 0
    assert OutboxMessage.objects.get(recipient=member.email).subject == first.subject


def test_each_member_is_greeted_by_the_name_in_their_language_whatever_is_active(
    member, outsider, mailoutbox
):
    published()
    outsider.person.language = "en"
    outsider.person.save()
    with translation.override("en"):  # as in a command run with English active
        run()
    assert "มาลี สมาชิก" in digest_to(mailoutbox, member.email).body
    published(days_ago=-5)  # new in the next week
    with translation.override("th"):
        run(at=AT + dt.timedelta(days=7))
    english = [m for m in mailoutbox if m.to == [outsider.email]][-1]
    assert outsider.person.name_en in english.body
