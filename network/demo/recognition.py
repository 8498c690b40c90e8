"""Demo recognition: attendance at the handbook's meetings, a few honours, then the standings and
the health figures computed from the records like in production.

Facts used (handbook): the study visits in Chiang Rai (6–7 March 2014) and Hat Yai (12–13 June
2014) with their visiting delegations, the three exchange meetings run by TEI, and the Udon Thani
community's visit to Khu Tao. Who attended is taken from those delegations and hosts. The handbook
names no awarded honour: the demo's honours are illustrations, flagged ``is_example`` so the pages
say so; their citations state only what the handbook says these members did, and they are dated
the day the demo is loaded.
"""

import datetime as dt

from django.utils import timezone

from events.models import Event, Registration
from members.models import Membership, Organisation, Person
from network.health.compute import compute_and_store
from network.recognition.models import Honour
from network.recognition.points import rebuild

# The six member cities of ACCCRN and M-BRACE, TEI and ONEP took part in the exchange meetings.
EXCHANGE_PARTICIPANTS = ["chiang-rai", "hat-yai", "udon-thani", "phuket", "patong", "thung-song",
                         "tei", "onep"]  # fmt: skip

HONOURS = [
    {
        "organisation": "chiang-rai",
        "kind": Honour.Kind.PLAQUE,
        "title_th": "โล่เกียรติยศเมืองเจ้าภาพการศึกษาดูงาน",
        "title_en": "Plaque of honour: study-visit host city",
        "citation_th": "เป็นเจ้าภาพการศึกษาดูงานแลกเปลี่ยนเรียนรู้ระหว่างเมืองเครือข่ายเมื่อวันที่ 6–7 มีนาคม 2557 "
        "ซึ่งเมืองที่มาดูงานได้นำรูปแบบการฟื้นฟูพื้นที่แม่กกน้อยไปปรับใช้กับการพัฒนาคลองในเมืองของตน",
        "citation_en": "For hosting the exchange visit between the network's cities on 6–7 March "
        "2014, from which visiting cities took the restoration of the Mae Kok Noi area as a model "
        "for their own canals.",
    },
    {
        "organisation": "hat-yai",
        "kind": Honour.Kind.PLAQUE,
        "title_th": "โล่เกียรติยศเมืองเจ้าภาพการศึกษาดูงาน",
        "title_en": "Plaque of honour: study-visit host city",
        "citation_th": "เป็นเจ้าภาพการศึกษาดูงานเมื่อวันที่ 12–13 มิถุนายน 2557 และแบ่งปันรูปแบบการบริหาร"
        "จัดการน้ำที่หลายภาคส่วนร่วมกันทำ โดยให้ชุมชนมีส่วนร่วมและจัดการตนเอง",
        "citation_en": "For hosting the study visit of 12–13 June 2014 and sharing its water "
        "management, in which many sectors work together and communities take part and manage "
        "themselves.",
    },
    {
        "organisation": "khu-tao",
        "kind": Honour.Kind.CERTIFICATE,
        "title_th": "เกียรติบัตรชุมชนแห่งการเรียนรู้",
        "title_en": "Certificate of recognition: a learning community",
        "citation_th": "ต้อนรับชุมชนจากเมืองอุดรธานีที่มาศึกษาดูงาน และแลกเปลี่ยนประสบการณ์และองค์ความรู้"
        "ระหว่างชุมชน",
        "citation_en": "For welcoming the community from Udon Thani on its study visit and "
        "exchanging experience and knowledge between the two communities.",
    },
    {
        "person": "Kamolwan Wongthai",
        "kind": Honour.Kind.PIN,
        "title_th": "เข็มเชิดชูเกียรติผู้ประสานเครือข่าย",
        "title_en": "Pin of honour: network coordination",
        "citation_th": "ประสานการประชุมแลกเปลี่ยนเรียนรู้ระหว่างเมืองในเครือข่ายทั้งสามครั้ง",
        "citation_en": "For coordinating the three exchange meetings between the network's cities.",
    },
]


def _people_of(slugs) -> list[tuple[Person, Organisation]]:
    links = Membership.objects.filter(organisation__slug__in=slugs).select_related(
        "person", "organisation"
    )
    return [(link.person, link.organisation) for link in links]


def _attend(event: Event, slugs) -> int:
    made = 0
    for person, organisation in _people_of(slugs):
        _registration, created = Registration.objects.get_or_create(
            event=event,
            person=person,
            defaults={
                "organisation": organisation,
                "status": Registration.Status.ATTENDED,
                "created": event.start - dt.timedelta(days=14),
            },
        )
        made += created
    return made


def load() -> str:
    attended = 0
    held = Event.objects.filter(status=Event.Status.COMPLETED, start__lte=timezone.now())
    for event in held.prefetch_related("hosts", "delegations__organisation"):
        if event.kind == Event.Kind.EXCHANGE:
            slugs = EXCHANGE_PARTICIPANTS
        else:
            slugs = {o.slug for o in event.hosts.all()} | {
                d.organisation.slug for d in event.delegations.all()
            }
        attended += _attend(event, slugs)
    honours = 0
    for data in HONOURS:
        data = dict(data)
        recipient = {}
        if "organisation" in data:
            found = Organisation.objects.filter(slug=data.pop("organisation")).first()
            recipient = {"organisation": found} if found else {}
        else:
            found = Person.objects.filter(name_en=data.pop("person")).first()
            recipient = {"person": found} if found else {}
        if not recipient:
            continue
        # Updated on every load, so a demo database made before the example flag gets it too.
        _honour, created = Honour.objects.update_or_create(
            title_th=data.pop("title_th"),
            **recipient,
            defaults={**data, "is_example": True},
            create_defaults={**data, "is_example": True, "awarded_on": timezone.localdate()},
        )
        honours += created
    ranked = rebuild()
    snapshot = compute_and_store()
    return (
        f"{attended} attendances recorded, {honours} honours, {ranked['points']} points for "
        f"{ranked['people']} people and {ranked['organisations']} organisations; health: "
        f"{snapshot.summary}"
    )
