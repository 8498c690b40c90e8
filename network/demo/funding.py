"""Demo funding calls: made-up examples, each marked "example" on its page and card.

The handbook asks members to develop joint projects and reach funding in Thailand and abroad,
and says funds come with checks on spending and regular progress reports (funding may be stopped
when the work does not move). It names no open call, so these are examples of what a call looks
like, not real funders or real programmes. Deadlines are counted from the day the demo is loaded,
so the list always shows open calls and the archive a closed one. Idempotent: keyed on slugs.
"""

import datetime as dt

from django.utils import timezone

from members.models import Topic, User

HANDBOOK_NOTE_TH = (
    "ตามคู่มือเครือข่าย ทุนที่ได้รับควรมีระบบตรวจสอบการใช้จ่ายอย่างรัดกุม และรายงานผลเป็นระยะ "
    "หากงานไม่คืบหน้าอาจถูกระงับทุนได้"
)
HANDBOOK_NOTE_EN = (
    "As the network's handbook advises, funds come with careful checks on spending and regular "
    "progress reports; funding may be stopped when the work does not move."
)

CALLS = [
    {
        "slug": "example-joint-city-community-projects",
        "title_th": "ตัวอย่าง: ทุนโครงการร่วมระหว่างเมือง มหาวิทยาลัย และชุมชน",
        "title_en": "Example: grants for joint projects of cities, universities and communities",
        "funder": "แหล่งทุนในประเทศ (ตัวอย่าง)",
        "programme": "",
        "description_th": (
            "ประกาศทุนสมมุติเพื่อแสดงว่าประกาศทุนบนเว็บไซต์มีหน้าตาอย่างไร\n\n"
            "- สำหรับโครงการที่สมาชิกหลายภาคส่วนพัฒนาร่วมกัน เช่น เทศบาล มหาวิทยาลัย และชุมชน\n"
            f"- {HANDBOOK_NOTE_TH}"
        ),
        "description_en": (
            "A made-up call showing what a funding call looks like on the portal.\n\n"
            "- For projects members from several sectors develop together, such as a "
            "municipality, a university and a community.\n"
            f"- {HANDBOOK_NOTE_EN}"
        ),
        "amount_min": 50_000,
        "amount_max": 300_000,
        "days_left": 45,
        "organisation_kinds": ["municipality", "academic", "community"],
        "regions": [],
        "topics": ["community-resilience", "water-management"],
        "language": "th",
    },
    {
        "slug": "example-international-adaptation-fund",
        "title_th": "ตัวอย่าง: ทุนจากต่างประเทศสำหรับการปรับตัวของเมือง",
        "title_en": "Example: an international grant for urban climate adaptation",
        "funder": "An international funder (example)",
        "programme": "",
        "description_th": (
            "ประกาศทุนสมมุติจากต่างประเทศ แสดงว่าใบสมัครอาจต้องเขียนเป็นภาษาอังกฤษ "
            f"และวันปิดรับแสดงตามเวลาประเทศไทย\n\n{HANDBOOK_NOTE_TH}"
        ),
        "description_en": (
            "A made-up call from abroad: the application may have to be written in English, "
            f"and the deadline is shown in Thailand time.\n\n{HANDBOOK_NOTE_EN}"
        ),
        "amount_min": None,
        "amount_max": 2_000_000,
        "days_left": 10,
        "organisation_kinds": ["municipality", "local_admin"],
        "regions": [],
        "topics": ["climate-adaptation", "climate-finance"],
        "language": "en",
    },
    {
        "slug": "example-closed-call",
        "title_th": "ตัวอย่าง: ประกาศทุนที่ปิดรับแล้ว",
        "title_en": "Example: a call that has closed",
        "funder": "แหล่งทุนในประเทศ (ตัวอย่าง)",
        "programme": "",
        "description_th": "ประกาศทุนสมมุติที่เลยวันปิดรับแล้ว จึงอยู่ในคลังประกาศที่ปิดรับแล้ว",
        "description_en": "A made-up call whose deadline has passed, so it is in the archive.",
        "amount_min": 20_000,
        "amount_max": 100_000,
        "days_left": -30,
        "organisation_kinds": [],
        "regions": ["north", "northeast"],
        "topics": ["flooding"],
        "language": "th",
    },
]


def load() -> str:
    from knowledge.models import FundingCall
    from network.search.index import index_object

    topics = {t.slug: t for t in Topic.objects.all()}
    coordinator = User.objects.filter(is_coordinator=True).order_by("pk").first()
    today = timezone.localdate()
    made = 0
    for data in CALLS:
        data = dict(data)
        slug = data.pop("slug")
        topic_slugs = data.pop("topics")
        day = today + dt.timedelta(days=data.pop("days_left"))
        call, created = FundingCall.objects.update_or_create(
            slug=slug,
            defaults={
                **data,
                "deadline": timezone.make_aware(dt.datetime.combine(day, dt.time(16, 30))),
                "is_example": True,
                "status": FundingCall.Status.PUBLISHED,
                "proposed_by": coordinator,
            },
        )
        if call.published_at is None:
            call.publish(by=coordinator)
            call.save(update_fields=["status", "published_at", "reviewed_by", "review_comment"])
        made += created
        call.topics.set([topics[s] for s in topic_slugs if s in topics])
        index_object(call)
    return f"{len(CALLS)} example funding calls ({made} new)"
