"""Demo e-mail preferences and a little recent news, so a weekly digest run on the demo network
sends real e-mails. Idempotent: preferences are keyed on the account, news on its slug, the
discussion on its title; "recent" dates are recomputed from today on each run."""

import datetime as dt
import itertools

from django.utils import timezone

from members.models import Topic, User

# (digest frequency, e-mail language, regions of interest), dealt out to the demo accounts in turn
PROFILES = [
    ("weekly", "th", ["north"]),
    ("weekly", "en", ["south"]),
    ("daily", "th", []),
    ("never", "th", []),
    ("weekly", "th", ["northeast"]),
    ("monthly", "en", []),
]

NEWS = [
    {
        "slug": "demo-news-heat-action-plans",
        "title_th": "เทศบาลสมาชิกเริ่มจัดทำแผนรับมือคลื่นความร้อน",
        "title_en": "Member cities start drafting heat action plans",
        "summary_th": "เทศบาลในภาคเหนือและภาคตะวันออกเฉียงเหนือแลกเปลี่ยนแนวทางลดผลกระทบจากอากาศร้อนจัดต่อผู้สูงอายุและแรงงานกลางแจ้ง",
        "summary_en": "Municipalities in the North and Northeast compare ways to protect older people and outdoor workers from extreme heat.",
        "regions": ["north", "northeast"],
        "topics": ["climate-adaptation"],
        "days_ago": 2,
    },
    {
        "slug": "demo-news-khlong-clean-up",
        "title_th": "ชุมชนหาดใหญ่ร่วมขุดลอกคลองก่อนฤดูมรสุม",
        "title_en": "Hat Yai communities clear canals before the monsoon",
        "summary_th": "อาสาสมัครชุมชนและเทศบาลนครหาดใหญ่ร่วมกันขุดลอกคลองระบายน้ำ ตามบทเรียนจากการศึกษาดูงานเมื่อปี 2557",
        "summary_en": "Community volunteers and Hat Yai City Municipality cleared drainage canals, following lessons from the 2014 study visit.",
        "regions": ["south"],
        "topics": ["flooding"],
        "days_ago": 4,
    },
]


def load() -> str:
    from knowledge.models import Resource, Thread
    from network.outbox.models import EmailPreferences

    topics = {t.slug: t for t in Topic.objects.all()}
    users = (
        User.objects.filter(emailaddress__verified=True, is_active=True)
        .select_related("person")
        .order_by("email")
    )
    people = 0
    for user, (digest, language, regions) in zip(users, itertools.cycle(PROFILES)):
        prefs, _ = EmailPreferences.objects.update_or_create(
            user=user, defaults={"digest": digest, "regions": regions}
        )
        prefs.topics.set([t for slug, t in topics.items() if slug in ("flooding",)][:1])
        person = getattr(user, "person", None)
        if person is not None and person.language != language:
            person.language = language
            person.save(update_fields=["language"])
        people += 1

    today = timezone.localdate()
    for item in NEWS:
        news, _ = Resource.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "kind": Resource.Kind.NEWS,
                "title_th": item["title_th"],
                "title_en": item["title_en"],
                "summary_th": item["summary_th"],
                "summary_en": item["summary_en"],
                "body_th": item["summary_th"],
                "body_en": item["summary_en"],
                "regions": item["regions"],
                "visibility": "public",
                "status": Resource.Status.PUBLISHED,
                "published_on": today - dt.timedelta(days=item["days_ago"]),
            },
        )
        news.topics.set([topics[s] for s in item["topics"] if s in topics])

    author = users.first()
    Thread.objects.update_or_create(
        title="ใครมีตัวอย่างแผนรับมือคลื่นความร้อนของเทศบาลบ้าง",
        defaults={
            "body": "อยากขอตัวอย่างแผนหรือมาตรการที่ใช้ได้จริง เพื่อนำไปปรับใช้กับเทศบาลของเรา",
            "author": author,
            "visibility": "public",
            "last_activity": timezone.now(),
        },
    )
    return f"e-mail preferences for {people} accounts, {len(NEWS)} recent news items"
