"""Demo events: what the handbook records (two study visits, three exchange meetings, the Udon Thani
community's visit to Khu Tao) and a few upcoming events in different regions.

Idempotent: events are keyed on slugs, sessions, sites and pledges on natural keys. Runs after
``network.demo.members``; organisations and people it needs are created if that step did not.
The handbook gives no dates for the exchange meetings and the Khu Tao visit; the dates used here
are placeholders in the period of the programmes and the descriptions say so.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from events.models import Delegation, Event, Pledge, PledgeUpdate, Registration, Session, Site
from members.models import Organisation, Person, Topic

BANGKOK = ZoneInfo("Asia/Bangkok")
K = Organisation.Kind

# slug → (kind, name_th, name_en, region) used only if the members demo did not create it.
FALLBACK_ORGANISATIONS = {
    "tei": (K.NGO, "สถาบันสิ่งแวดล้อมไทย", "Thailand Environment Institute", "central"),
    "chiang-rai": (K.MUNICIPALITY, "เทศบาลนครเชียงราย", "Chiang Rai City Municipality", "north"),
    "hat-yai": (K.MUNICIPALITY, "เทศบาลนครหาดใหญ่", "Hat Yai City Municipality", "south"),
    "udon-thani": (K.MUNICIPALITY, "เทศบาลนครอุดรธานี", "Udon Thani City Municipality", "northeast"),
    "phuket": (K.MUNICIPALITY, "เทศบาลนครภูเก็ต", "Phuket City Municipality", "south"),
    "patong": (K.MUNICIPALITY, "เทศบาลเมืองป่าตอง", "Patong Town Municipality", "south"),
    "thung-song": (K.MUNICIPALITY, "เทศบาลเมืองทุ่งสง", "Thung Song Town Municipality", "south"),
    "onep": (K.GOVERNMENT, "สำนักงานนโยบายและแผนทรัพยากรธรรมชาติและสิ่งแวดล้อม",
             "Office of Natural Resources and Environmental Policy and Planning", "bangkok"),
    "rmutl": (K.ACADEMIC, "มหาวิทยาลัยเทคโนโลยีราชมงคลล้านนา",
              "Rajamangala University of Technology Lanna", "north"),
    "bma-environment": (K.LOCAL_ADMIN, "สำนักสิ่งแวดล้อม กรุงเทพมหานคร",
                        "Bangkok Metropolitan Administration, Department of Environment", "bangkok"),
    "khu-tao": (K.COMMUNITY, "ชุมชนคูเต่า", "Khu Tao community", "south"),
    "psu": (K.ACADEMIC, "มหาวิทยาลัยสงขลานครินทร์", "Prince of Songkla University", "south"),
}  # fmt: skip

# Khu Tao's map position: approximate (the handbook gives none), shared by the organisation and
# the visit so the two maps agree.
KHU_TAO_LATITUDE, KHU_TAO_LONGITUDE = "7.119000", "100.406000"

# name_en → name_th of demo people (created by the members demo; made here if missing).
PEOPLE = {
    "Wilaiwan Srisuk": "วิไลวรรณ ศรีสุข",
    "Thanawat Thongdee": "ธนวัฒน์ ทองดี",
    "Sombat Phon-asa": "สมบัติ พลอาสา",
    "Chanphen Hanthale": "จันทร์เพ็ญ หาญทะเล",
    "Chanchai Srithung": "ชาญชัย ศรีทุ่ง",
}


def _org(slug: str) -> Organisation:
    kind, name_th, name_en, region = FALLBACK_ORGANISATIONS[slug]
    org, _ = Organisation.objects.get_or_create(
        slug=slug, defaults={"kind": kind, "name_th": name_th, "name_en": name_en, "region": region}
    )
    return org


def _person(name_en: str) -> Person:
    person = Person.objects.filter(name_en=name_en).first()
    if person is None:
        person = Person.objects.create(name_en=name_en, name_th=PEOPLE[name_en])
    return person


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=BANGKOK)


def _event(slug, *, hosts=(), co_organisers=(), topics=(), **fields) -> Event:
    event, _ = Event.objects.update_or_create(slug=slug, defaults=fields)
    event.hosts.set([_org(s) for s in hosts])
    event.co_organisers.set([_org(s) for s in co_organisers])
    event.topics.set(Topic.objects.filter(slug__in=topics))
    return event


def _sessions(event, rows):
    for day, start, end, title_th, title_en, place in rows:
        Session.objects.update_or_create(
            event=event, day=day, title_th=title_th,
            defaults={"start_time": start, "end_time": end, "title_en": title_en, "place": place},
        )  # fmt: skip


def _sites(event, rows):
    for position, (name_th, name_en, desc_th, desc_en, lat, lng) in enumerate(rows):
        Site.objects.update_or_create(
            event=event, name_th=name_th,
            defaults={"name_en": name_en, "description_th": desc_th, "description_en": desc_en,
                      "latitude": lat, "longitude": lng, "position": position},
        )  # fmt: skip


def _delegations(event, rows):
    for slug, participants in rows:
        Delegation.objects.update_or_create(
            event=event, organisation=_org(slug), defaults={"participants": participants}
        )


def _pledge(event, person_name, org_slug, action, status, due, history=()):
    pledge, created = Pledge.objects.update_or_create(
        event=event,
        person=_person(person_name),
        action=action,
        defaults={"organisation": _org(org_slug), "status": status, "due": due,
                  "created": event.end + dt.timedelta(days=3)},
    )  # fmt: skip
    if created:
        PledgeUpdate.objects.create(
            pledge=pledge, status=Pledge.Status.PLANNED, created=pledge.created
        )
        for when, state, note in history:
            PledgeUpdate.objects.create(pledge=pledge, status=state, note=note, created=when)
    return pledge


def _handbook_events() -> list[Event]:
    chiang_rai = _event(
        "chiang-rai-study-visit-2014",
        kind=Event.Kind.STUDY_VISIT,
        title_th="ศึกษาดูงานแลกเปลี่ยนเรียนรู้ระหว่างเมืองเครือข่าย ณ เมืองเชียงราย",
        title_en="Inter-city study visit to Chiang Rai",
        description_th=(
            "เมืองในเครือข่ายมาเรียนรู้งานของเทศบาลนครเชียงราย โดยเฉพาะการฟื้นฟูพื้นที่แม่กกน้อย "
            "แลกเปลี่ยนประสบการณ์และกระบวนการทำงานของแต่ละเมือง เสริมความรู้ความสามารถ "
            "และร่วมกันจัดทำข้อเสนอแนะสำหรับแต่ละเมือง"
        ),
        description_en=(
            "Network cities came to learn from Chiang Rai City Municipality, above all from its "
            "restoration of the Mae Kok Noi area. Cities compared how they work, built their "
            "skills and drew up recommendations for each city."
        ),
        start=_at(dt.date(2014, 3, 6), 9), end=_at(dt.date(2014, 3, 7), 16),
        venue_name="เทศบาลนครเชียงราย", address="อำเภอเมืองเชียงราย จังหวัดเชียงราย",
        latitude="19.907100", longitude="99.831000", region="north",
        status=Event.Status.COMPLETED, visibility=Event.Visibility.PUBLIC, capacity=None,
        host_city=_org("chiang-rai"),
        lessons_th=(
            "- รูปแบบการฟื้นฟูพื้นที่แม่กกน้อยนำไปปรับใช้กับการพัฒนาคลองในเขตเมืองของตนได้\n"
            "- การรับมือต้องอาศัยความร่วมมือของทุกภาคส่วน ทั้งภาครัฐ เอกชน ประชาสังคม และชุมชน"
        ),
        lessons_en=(
            "- The Mae Kok Noi restoration model can be applied to the canals of one's own city.\n"
            "- Resilience needs every sector working together: government, business, civil "
            "society and communities."
        ),
        report_summary_th="เมืองที่ร่วมดูงานได้นำความรู้ไปใช้ในงานของเมือง และเริ่มสร้างความร่วมมือข้ามภาคส่วนในเมืองของตน",
        report_summary_en="The visiting cities took the knowledge home to their own work and began building cross-sector cooperation.",
        hosts=["chiang-rai"], co_organisers=["tei"], topics=["water-management", "ecosystems", "flooding"],
    )  # fmt: skip
    _sessions(chiang_rai, [
        (dt.date(2014, 3, 6), dt.time(9), dt.time(12), "บรรยายสรุปงานรับมือการเปลี่ยนแปลงสภาพภูมิอากาศของเมืองเชียงราย",
         "Briefing: Chiang Rai's climate resilience work", "เทศบาลนครเชียงราย"),
        (dt.date(2014, 3, 6), dt.time(13), dt.time(16), "ลงพื้นที่ฟื้นฟูแม่กกน้อย", "Field visit: the Mae Kok Noi restoration", "พื้นที่แม่กกน้อย"),
        (dt.date(2014, 3, 7), dt.time(9), dt.time(12), "แลกเปลี่ยนเรียนรู้และจัดทำข้อเสนอแนะของแต่ละเมือง",
         "Exchange and recommendations for each city", "เทศบาลนครเชียงราย"),
    ])  # fmt: skip
    _sites(chiang_rai, [
        ("พื้นที่ฟื้นฟูแม่กกน้อย", "Mae Kok Noi restoration area",
         "พื้นที่แม่กกน้อยที่เมืองเชียงรายฟื้นฟู เมืองที่มาดูงานนำรูปแบบไปปรับใช้กับการพัฒนาคลองในเมืองของตน "
         "(ตำแหน่งบนแผนที่โดยประมาณ)",
         "The Mae Kok Noi area Chiang Rai restored; visiting cities took the model home for their own canals "
         "(map position approximate).", "19.915000", "99.838000"),
    ])  # fmt: skip
    # The handbook names who came, not how many: one row per delegation, no head count.
    _delegations(
        chiang_rai, [(s, 1) for s in ("hat-yai", "udon-thani", "phuket", "patong", "onep")]
    )

    hat_yai = _event(
        "hat-yai-study-visit-2014",
        kind=Event.Kind.STUDY_VISIT,
        title_th="ศึกษาดูงานแลกเปลี่ยนเรียนรู้ระหว่างเมืองเครือข่าย ณ เมืองหาดใหญ่",
        title_en="Inter-city study visit to Hat Yai",
        description_th=(
            "เรียนรู้รูปแบบการบริหารจัดการน้ำของเมืองหาดใหญ่ ที่ให้ภาครัฐ เอกชน ประชาสังคม "
            "และชุมชนทำงานร่วมกัน โดยเน้นให้ชุมชนมีส่วนร่วมและจัดการตนเองได้เมื่อเกิดภัย"
        ),
        description_en=(
            "Learning Hat Yai's water-management model, in which government, business, civil "
            "society and communities work together, with communities taking part and managing "
            "themselves when disaster strikes."
        ),
        start=_at(dt.date(2014, 6, 12), 9), end=_at(dt.date(2014, 6, 13), 16),
        venue_name="เทศบาลนครหาดใหญ่", address="อำเภอหาดใหญ่ จังหวัดสงขลา",
        latitude="7.008600", longitude="100.474700", region="south",
        status=Event.Status.COMPLETED, visibility=Event.Visibility.PUBLIC, capacity=None,
        host_city=_org("hat-yai"),
        lessons_th=(
            "- การจัดการน้ำแบบหลายภาคส่วนทำให้ทุกฝ่ายรู้บทบาทของตนเมื่อเกิดน้ำท่วม\n"
            "- ชุมชนที่เข้มแข็งและจัดการตนเองได้ รับมือภัยพิบัติได้อย่างต่อเนื่องโดยไม่ต้องรอความช่วยเหลือ\n"
            "- เป็นตัวอย่างที่ดีที่เมืองอื่นนำไปปรับใช้ได้"
        ),
        lessons_en=(
            "- Multi-sector water management gives everyone a known role when floods come.\n"
            "- Strong, self-managing communities keep coping with disasters on their own.\n"
            "- A good example for other cities to adapt."
        ),
        report_summary_th="ผู้เข้าร่วมเห็นตรงกันว่าการเสริมความเข้มแข็งให้ชุมชนเป็นหัวใจของการรับมือน้ำท่วมในเมือง",
        report_summary_en="Participants agreed that strengthening communities is at the heart of urban flood resilience.",
        hosts=["hat-yai"], co_organisers=["tei"], topics=["flooding", "water-management", "community-resilience"],
    )  # fmt: skip
    _sessions(hat_yai, [
        (dt.date(2014, 6, 12), dt.time(9), dt.time(12), "รูปแบบการบริหารจัดการน้ำของเมืองหาดใหญ่",
         "Hat Yai's water-management model", "เทศบาลนครหาดใหญ่"),
        (dt.date(2014, 6, 12), dt.time(13), dt.time(16), "เยี่ยมชุมชนที่จัดการตนเองเมื่อเกิดน้ำท่วม",
         "Visiting communities that manage floods themselves", "ชุมชนในเขตเทศบาล"),
        (dt.date(2014, 6, 13), dt.time(9), dt.time(12), "สรุปบทเรียนและสิ่งที่แต่ละเมืองจะนำไปใช้",
         "Lessons and what each city will apply", "เทศบาลนครหาดใหญ่"),
    ])  # fmt: skip
    _sites(hat_yai, [
        ("ชุมชนที่จัดการตนเองเมื่อเกิดน้ำท่วม", "Communities that manage floods themselves",
         "ชุมชนที่มีส่วนร่วมในการบริหารจัดการน้ำของเมืองและรับมือภัยพิบัติได้ด้วยตนเอง "
         "(คู่มือไม่ได้ระบุชื่อชุมชน จึงไม่แสดงตำแหน่งบนแผนที่)",
         "Communities that take part in the city's water management and cope with disasters "
         "themselves (the handbook does not name them, so no map position).",
         None, None),
    ])  # fmt: skip
    _delegations(hat_yai, [(s, 1) for s in (
        "chiang-rai", "udon-thani", "phuket", "patong", "thung-song", "bma-environment", "onep",
        "rmutl",
    )])  # fmt: skip

    themes = [
        ("ครั้งที่ 1: บทเรียนการเสริมสร้างการรับมือของเมืองในเครือข่าย",
         "Exchange meeting 1: lessons from network cities' resilience work",
         "แต่ละเมืองนำเสนอบทเรียนจากการดำเนินงานเสริมสร้างการรับมือของเมือง",
         "Each city presented what it learned from its resilience work.",
         dt.date(2014, 9, 18), ["climate-adaptation", "urban-governance"]),
        ("ครั้งที่ 2: เมืองกับการรับมืออุทกภัยภายใต้บริบทการเปลี่ยนแปลงสภาพภูมิอากาศ",
         "Exchange meeting 2: cities and floods in a changing climate",
         "แลกเปลี่ยนวิธีที่เมืองรับมือน้ำท่วมเมื่อสภาพภูมิอากาศเปลี่ยนไป",
         "How cities deal with floods as the climate changes.",
         dt.date(2015, 1, 15), ["flooding", "disaster-risk-reduction"]),
        ("ครั้งที่ 3: แนวทางการดำเนินงานของเครือข่ายเมืองเพื่อรับมือกับการเปลี่ยนแปลงสภาพภูมิอากาศ",
         "Exchange meeting 3: the way forward for the city network",
         "หาแนวทางการทำงานร่วมกันของเครือข่ายเมืองในระยะต่อไป",
         "Finding how the city network should work together from here.",
         dt.date(2015, 4, 23), ["urban-governance", "climate-adaptation"]),
    ]  # fmt: skip
    meetings = []
    for n, (title_th, title_en, desc_th, desc_en, day, topics) in enumerate(themes, start=1):
        meetings.append(_event(
            f"exchange-meeting-{n}",
            kind=Event.Kind.EXCHANGE, title_th=f"การประชุมแลกเปลี่ยนเรียนรู้ระหว่างเมืองในเครือข่าย {title_th}",
            title_en=title_en,
            description_th=desc_th + "\n\n_คู่มือเครือข่ายไม่ได้บันทึกวันที่จัด วันที่ที่แสดงเป็นวันที่โดยประมาณ_",
            description_en=desc_en + "\n\n_The handbook does not record the date; the date shown is approximate._",
            start=_at(day, 9), end=_at(day, 16), region="",
            status=Event.Status.COMPLETED, visibility=Event.Visibility.PUBLIC, capacity=None,
            # TEI's programme ran the meetings; the handbook does not say where or who hosted.
            hosts=[], co_organisers=["tei"], topics=topics,
        ))  # fmt: skip
    third = meetings[2]
    third.resolutions_th = "\n".join(f"{i}. {line}" for i, line in enumerate([
        "ศูนย์และเครือข่ายควรใช้ชื่อเดียวกันที่สื่อความหมายชัดเจน",
        "ทำให้คณะทำงานเป็นองค์กรที่มีกรอบการทำงานร่วมกัน",
        "เมืองในเครือข่ายร่างยุทธศาสตร์หลักร่วมกันที่เชื่อมโยงสอดคล้อง นำไปสู่กิจกรรม ความสัมพันธ์ และช่องทางสื่อสารร่วมกัน",
        "อบรมคนทุกระดับ ตั้งแต่ชุมชนถึงผู้บริหารเมือง",
        "เสริมศักยภาพเครือข่ายและศูนย์ด้วยการประชุมและเวทีสาธารณะระดับเครือข่ายเมืองและระดับประเทศ ร่วมกับหน่วยงานที่เกี่ยวข้อง",
        "เผยแพร่ให้กว้างขวาง โดยอาศัยคณะอนุกรรมการด้านสิ่งแวดล้อม ผังเมือง และโยธาของสันนิบาตเทศบาลส่งข่าวถึงเทศบาลสมาชิก",
        "ประชาสัมพันธ์ทุกระดับตั้งแต่ชุมชนถึงผู้บริหาร เพื่อสร้างความตระหนัก",
        "ท้องถิ่นที่ได้รับผลกระทบเป็นผู้นำการขับเคลื่อนต่อ เช่น ตั้งศูนย์ที่ใหญ่ขึ้น หรือสนับสนุนงบประมาณ",
        "สร้างพันธมิตรกับสื่อ เช่น วิทยุชุมชน ข่าว และรายงาน และให้ความรู้แก่สื่อ",
        "เพิ่มช่องทาง เช่น เว็บไซต์ เฟซบุ๊กแฟนเพจ และไลน์ ให้มีความเคลื่อนไหวและมีผู้ดูแลแต่ละช่องทาง",
        "หาแรงจูงใจให้ทำงานร่วมกัน เช่น ตัวชี้วัดร่วม",
        "เชื่อมเมืองเข้าหากันและชวนองค์กรอื่นเข้าร่วม เช่น 100RC",
    ], start=1))  # fmt: skip
    third.resolutions_en = "\n".join(f"{i}. {line}" for i, line in enumerate([
        "Centres and networks share one name that says clearly what they are.",
        "Run the working group as an organisation with a shared framework.",
        "Network cities draft linked, consistent core strategies that lead to shared activities, relationships and channels.",
        "Train people at every level, from communities to city executives.",
        "Build the network's and the centres' capacity through meetings and public forums, at network and national level, with the agencies concerned.",
        "Spread the word widely; the Municipal League's sub-committee on environment, town planning and public works can pass news to member municipalities.",
        "Raise awareness at every level, from communities to executives.",
        "Affected local governments lead the follow-up, for example by setting up a bigger centre or funding the work.",
        "Build alliances with the media (community radio, news, reports) and help journalists understand the issues.",
        "Add channels such as the website, a Facebook page and LINE, keep them active and give each one an administrator.",
        "Find incentives for joint work, such as shared indicators.",
        "Link cities together and bring in more organisations, such as 100 Resilient Cities.",
    ], start=1))  # fmt: skip
    third.report_summary_th = "ที่ประชุมสรุปข้อเสนอ 12 ข้อสำหรับการทำงานของเครือข่ายในระยะต่อไป"
    third.report_summary_en = (
        "The meeting agreed twelve proposals for how the network should work from here."
    )
    third.save()

    khu_tao = _event(
        "udon-thani-community-visit-khu-tao",
        kind=Event.Kind.COMMUNITY,
        title_th="ชุมชนจากอุดรธานีศึกษาดูงานชุมชนคูเต่า อำเภอหาดใหญ่ จังหวัดสงขลา",
        title_en="Udon Thani community visits Khu Tao community, Hat Yai",
        description_th=(
            "ชุมชนจากเมืองอุดรธานีเดินทางไปแลกเปลี่ยนประสบการณ์และความรู้กับชุมชนคูเต่า "
            "เพื่อนำแนวคิดไปปรับใช้ในชุมชนของตน\n\n_คู่มือเครือข่ายไม่ได้บันทึกวันที่จัด วันที่ที่แสดงเป็นวันที่โดยประมาณ_"
        ),
        description_en=(
            "A community from Udon Thani travelled to Khu Tao to swap experience and knowledge, "
            "and took ideas home to adapt in its own neighbourhood.\n\n"
            "_The handbook does not record the date; the date shown is approximate._"
        ),
        start=_at(dt.date(2015, 2, 26), 9), end=_at(dt.date(2015, 2, 27), 15),
        venue_name="ชุมชนคูเต่า", address="อำเภอหาดใหญ่ จังหวัดสงขลา", region="south",
        # The community's own (approximate) position, so the event and the organisation agree.
        latitude=KHU_TAO_LATITUDE, longitude=KHU_TAO_LONGITUDE,
        status=Event.Status.COMPLETED, visibility=Event.Visibility.PUBLIC, capacity=None,
        host_city=None,
        lessons_th="- ชุมชนเรียนรู้จากชุมชนได้ตรงที่สุด เพราะเจอปัญหาแบบเดียวกัน\n- แนวคิดการจัดการตนเองของคูเต่านำไปปรับใช้ที่อุดรธานีได้",
        lessons_en="- Communities learn best from communities facing the same problems.\n- Khu Tao's self-management ideas can be adapted in Udon Thani.",
        hosts=["khu-tao"], co_organisers=["tei"], topics=["community-resilience", "flooding"],
    )  # fmt: skip
    _delegations(khu_tao, [("udon-thani", 1)])

    _pledge(chiang_rai, "Wilaiwan Srisuk", "udon-thani",
            "นำรูปแบบการฟื้นฟูพื้นที่แม่กกน้อยมาใช้กับการพัฒนาคลองในเขตเทศบาลนครอุดรธานี",
            Pledge.Status.IN_PROGRESS, dt.date(2015, 12, 31),
            [(timezone.make_aware(dt.datetime(2014, 10, 1)), Pledge.Status.IN_PROGRESS,
              "สำรวจคลองในเขตเทศบาลและหารือกับชุมชนริมคลองแล้ว")])  # fmt: skip
    _pledge(chiang_rai, "Chanphen Hanthale", "patong",
            "Bring government, business, civil society and communities together in one working group on Patong's canals.",
            Pledge.Status.PLANNED, dt.date(2015, 6, 30))  # fmt: skip
    _pledge(hat_yai, "Thanawat Thongdee", "phuket",
            "ปรับใช้การจัดการน้ำท่วมแบบหลายภาคส่วนของหาดใหญ่ ให้ชุมชนมีส่วนร่วมและจัดการตนเองได้",
            Pledge.Status.DONE, dt.date(2015, 9, 30),
            [(timezone.make_aware(dt.datetime(2015, 10, 2)), Pledge.Status.DONE,
              "ตั้งคณะทำงานจัดการน้ำร่วมกับชุมชนครบทุกเขตแล้ว")])  # fmt: skip
    _pledge(hat_yai, "Chanchai Srithung", "thung-song",
            "Train community volunteers in Thung Song to run their own flood warning, as in Hat Yai.",
            Pledge.Status.IN_PROGRESS, dt.date(2015, 11, 30))  # fmt: skip
    _pledge(khu_tao, "Sombat Phon-asa", "udon-thani",
            "พัฒนาแนวทางรับมือภัยในชุมชนของเราที่อุดรธานี จากสิ่งที่เรียนรู้ที่คูเต่า",
            Pledge.Status.PLANNED, None)  # fmt: skip
    return [chiang_rai, hat_yai, *meetings, khu_tao]


def _upcoming_events() -> list[Event]:
    # Dates follow the calendar so the demo always has something ahead: in ten days, then from
    # next month on.
    today = timezone.localdate()
    base = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)

    soon = today + dt.timedelta(days=10)

    def day(months: int, dom: int) -> dt.date:
        year, month = divmod(base.month - 1 + months, 12)
        return dt.date(base.year + year, month + 1, dom)

    specs = [
        ("seminar-urban-heat", Event.Kind.SEMINAR, "เสวนา: เมืองร้อนขึ้น เราจะอยู่อย่างไร",
         "Seminar: living with hotter cities", soon, soon, "northeast", "udon-thani",
         "ห้องประชุมเทศบาลนครอุดรธานี", "17.415600", "102.787200", 80, Event.Visibility.PUBLIC, False,
         ["heat", "health"], ""),
        ("online-climate-finance", Event.Kind.ONLINE, "ออนไลน์: แหล่งทุนสำหรับโครงการปรับตัวของเมือง",
         "Online: finding funds for city adaptation projects", day(0, 17), day(0, 17), "bangkok", "tei",
         "", None, None, 100, Event.Visibility.MEMBERS, False, ["climate-finance"], "https://meet.example.org/tucrn-finance"),
        ("flood-early-warning-training", Event.Kind.TRAINING, "อบรม: ระบบเตือนภัยน้ำท่วมโดยชุมชน",
         "Training: community flood early warning", day(1, 5), day(1, 6), "south", "hat-yai",
         "เทศบาลนครหาดใหญ่", "7.008600", "100.474700", 40, Event.Visibility.PUBLIC, False,
         ["flooding", "disaster-risk-reduction", "community-resilience"], ""),
        ("phuket-flash-flood-study-visit", Event.Kind.STUDY_VISIT, "ศึกษาดูงานการรับมือน้ำท่วมฉับพลัน เมืองภูเก็ต",
         "Study visit: coping with flash floods in Phuket", day(2, 12), day(2, 13), "south", "phuket",
         "เทศบาลนครภูเก็ต", "7.884200", "98.392300", 30, Event.Visibility.MEMBERS, True,
         ["ecosystems", "climate-adaptation"], ""),
        ("annual-meeting", Event.Kind.ANNUAL, "ประชุมประจำปีเครือข่ายเมืองรับมือกับการเปลี่ยนแปลงสภาพภูมิอากาศ",
         "Annual meeting of the network", day(3, 20), day(3, 21), "north", "chiang-rai",
         "เทศบาลนครเชียงราย", "19.907100", "99.831000", 150, Event.Visibility.PUBLIC, False,
         ["urban-governance", "climate-adaptation"], ""),
    ]  # fmt: skip
    events = []
    for (slug, kind, title_th, title_en, first, last, region, host, venue, lat, lng, capacity,
         visibility, approval, topics, link) in specs:  # fmt: skip
        start = _at(first, 9)
        events.append(_event(
            slug, kind=kind, title_th=title_th, title_en=title_en,
            description_th=f"{title_th} เปิดให้สมาชิกและผู้สนใจแลกเปลี่ยนประสบการณ์ เรียนรู้จากเมืองที่ลงมือทำจริง และวางแผนงานร่วมกัน",
            description_en=f"{title_en}: members and anyone interested share experience, learn from cities that have done it, and plan joint work.",
            start=start, end=_at(last, 16), region=region, venue_name=venue,
            latitude=lat, longitude=lng, capacity=capacity, visibility=visibility,
            requires_approval=approval, online_link=link, status=Event.Status.PUBLISHED,
            registration_closes=start - dt.timedelta(days=2),
            hosts=[host, "tei"] if host != "tei" else ["tei"], topics=topics,
        ))  # fmt: skip
        _sessions(events[-1], [
            (first, dt.time(9), dt.time(10, 30), "เปิดงานและบรรยายนำ", "Opening and keynote", venue),
            (first, dt.time(10, 45), dt.time(12), "แลกเปลี่ยนประสบการณ์ของเมืองสมาชิก", "Member cities share their experience", venue),
            (first, dt.time(13), dt.time(15, 30), "ระดมความคิดและวางแผนร่วมกัน", "Working groups and joint planning", venue),
        ])  # fmt: skip
    seminar = events[0]
    for name in ("Wilaiwan Srisuk", "Thanawat Thongdee"):
        Registration.objects.get_or_create(
            event=seminar, person=_person(name), defaults={"status": Registration.Status.CONFIRMED}
        )
    return events


def load() -> str:
    past = _handbook_events()
    upcoming = _upcoming_events()
    return (
        f"{len(past)} handbook events, {len(upcoming)} upcoming events, "
        f"{Pledge.objects.count()} pledges, {Delegation.objects.count()} delegations"
    )
