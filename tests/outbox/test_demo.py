"""The demo network has e-mail preferences and recent news: a weekly digest run sends real mail."""

import io

import pytest
from django.core.management import call_command

from network.models import EmailPreferences, OutboxMessage
from network.tasks import deliver_outbox

pytestmark = pytest.mark.django_db


def test_a_weekly_digest_on_the_demo_network_sends_real_emails(mailoutbox):
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())  # idempotent
    digests = set(EmailPreferences.objects.values_list("digest", flat=True))
    assert {"weekly", "daily", "never"} <= digests
    out = io.StringIO()
    call_command("send_digests", "--frequency", "weekly", stdout=out)
    sent = int(out.getvalue().split()[1])
    assert sent >= 3, out.getvalue()
    deliver_outbox()
    assert len(mailoutbox) == sent
    languages = set(OutboxMessage.objects.values_list("language", flat=True))
    assert languages == {"th", "en"}
    thai = next(m for m in mailoutbox if "ชุมชนหาดใหญ่ร่วมขุดลอกคลอง" in m.body)
    assert "/unsubscribe/" in thai.extra_headers["List-Unsubscribe"]
    never = EmailPreferences.objects.filter(digest="never").values_list("user__email", flat=True)
    assert not {m.to[0] for m in mailoutbox} & set(never)
