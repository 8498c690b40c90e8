"""Demo advisers and mentoring pairs, only as far as the handbook supports them.

The handbook asks for good advisers who help newer members, and records who learned from whom:
the ACCCRN pilot cities (Chiang Rai and Hat Yai, since 2010) hosted the 2014 study visits that
Patong and Thung Song joined, and the Udon Thani community visited the Khu Tao community in Hat
Yai. It names no adviser and no mentoring arrangement, so every pair here says in its notes that
it is an example, and gives no start date. The advisers are demo people (network/demo/members.py),
whose expertise follows what their organisations did according to the handbook.
"""

from members.models import MentoringPair, Organisation, Person, Topic

EXAMPLE_TH = "ตัวอย่างสำหรับการสาธิต: คู่มือเครือข่ายไม่ได้ระบุการเป็นพี่เลี้ยงนี้ไว้"
EXAMPLE_EN = "Demo example: the network's handbook does not record this mentoring pair."

# (mentor, mentee, topics, what the handbook records, Thai and English)
PAIRS = [
    (
        "hat-yai",
        "thung-song",
        ["water-management", "community-resilience"],
        "ทุ่งสงร่วมศึกษาดูงานที่หาดใหญ่เมื่อ 12–13 มิถุนายน 2557 เรื่องการจัดการน้ำที่ชุมชนมีส่วนร่วม",
        "Thung Song joined the study visit to Hat Yai on 12–13 June 2014 on water management "
        "with community participation.",
    ),
    (
        "chiang-rai",
        "patong",
        ["water-management", "urban-governance"],
        "ป่าตองร่วมศึกษาดูงานที่เชียงรายเมื่อ 6–7 มีนาคม 2557 "
        "เรื่องการฟื้นฟูแม่กกน้อยที่เมืองต่าง ๆ นำไปปรับใช้กับคลองของตน",
        "Patong joined the study visit to Chiang Rai on 6–7 March 2014, where cities learned "
        "from the Mae Kok Noi restoration to apply to their own canals.",
    ),
    (
        "khu-tao",
        "udon-thani",
        ["community-resilience", "flooding"],
        "ชุมชนจากอุดรธานีไปศึกษาดูงานที่ชุมชนคูเต่า อำเภอหาดใหญ่",
        "A community from Udon Thani visited the Khu Tao community in Hat Yai to learn from it.",
    ),
]

# Demo people (by English name) willing to advise, with what their organisation did.
ADVISERS = {
    "Anucha Madman": (["flooding", "disaster-risk-reduction", "water-management"], ["th"]),
    "Supaporn Jaidee": (["water-management", "ecosystems"], ["th", "en"]),
    "Kamolwan Wongthai": (["urban-governance", "climate-adaptation"], ["th", "en"]),
    "Piya Fondee": (["flooding", "water-management"], ["th", "en"]),
    "Somsri Khutao": (["community-resilience"], ["th"]),
}


def load() -> str:
    topics = {t.slug: t for t in Topic.objects.all()}
    organisations = {o.slug: o for o in Organisation.objects.filter(slug__in=_slugs())}
    pairs = 0
    for mentor, mentee, topic_slugs, record_th, record_en in PAIRS:
        if mentor not in organisations or mentee not in organisations:
            continue
        pair, _ = MentoringPair.objects.update_or_create(
            mentor=organisations[mentor],
            mentee=organisations[mentee],
            defaults={
                "since": None,
                "notes_th": f"{record_th}\n{EXAMPLE_TH}",
                "notes_en": f"{record_en}\n{EXAMPLE_EN}",
            },
        )
        pair.topics.set([topics[t] for t in topic_slugs if t in topics])
        pairs += 1
    advisers = 0
    for person in Person.objects.filter(name_en__in=ADVISERS):
        topic_slugs, speaks = ADVISERS[person.name_en]
        person.is_adviser = True
        person.speaks = speaks
        person.save(update_fields=["is_adviser", "speaks"])
        person.expertise.add(*[topics[t] for t in topic_slugs if t in topics])
        advisers += 1
    return f"{pairs} mentoring pairs (examples), {advisers} advisers"


def _slugs() -> set[str]:
    return {slug for pair in PAIRS for slug in pair[:2]}
