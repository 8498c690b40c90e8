"""Demo members: the cities, partners and people the network's handbook names, in our own words.

Idempotent: rows are keyed on slugs and e-mail addresses, so a second run changes nothing.
Hazards are general knowledge about each city, not figures from the handbook; populations, join
dates and sub-networks the handbook does not give are left out. The handbook's example networks
(TCCN, TCJ, APAN, the Municipal League, the municipal learning network) are partner networks, not
members, and the municipal learning network's five regional centres are described as its own.
"""

import os

from django.contrib.auth.hashers import make_password

from members.models import (
    Membership,
    NetworkGroup,
    Organisation,
    Person,
    Programme,
    Province,
    Topic,
    User,
)

K = Organisation.Kind
L = Organisation.MunicipalityLevel

PROGRAMMES = [
    {
        "slug": "acccrn",
        "name": "ACCCRN",
        "start_year": 2010,
        "end_year": 2016,
        "description_th": "เครือข่ายเมืองในเอเชียเพื่อการรับมือกับการเปลี่ยนแปลงสภาพภูมิอากาศ "
        "ได้รับทุนจากมูลนิธิร็อคกี้เฟลเลอร์ มีเชียงรายและหาดใหญ่เป็นเมืองนำร่องในไทย",
        "description_en": "Asian Cities Climate Change Resilience Network, funded by the "
        "Rockefeller Foundation; Chiang Rai and Hat Yai were its Thai pilot cities.",
    },
    {
        "slug": "m-brace",
        "name": "M-BRACE",
        "start_year": 2011,
        "end_year": 2013,
        "description_th": "โครงการเสริมสร้างการรับมือของเมืองกับการเปลี่ยนแปลงสภาพภูมิอากาศ "
        "ได้รับทุนจาก USAID มีอุดรธานีและภูเก็ตเป็นเมืองนำร่อง",
        "description_en": "Mekong Building Climate Resilient Asian Cities, funded by USAID; "
        "Udon Thani and Phuket were its pilot cities.",
    },
]

# fmt: off
# slug, kind, level, name_th, name_en, short, province, lat, lng, hazards, population,
# programmes, topics, description_th, description_en
ORGANISATIONS = [
    ("chiang-rai", K.MUNICIPALITY, L.CITY, "เทศบาลนครเชียงราย", "Chiang Rai City Municipality", "",
     "chiang-rai", 19.9071, 99.8310, ["flood", "drought", "air_pollution"], 69000,
     ["acccrn"], ["flooding", "water-management", "ecosystems"],
     "เมืองนำร่องของ ACCCRN ทางภาคเหนือ ฟื้นฟูพื้นที่แม่กกน้อย ซึ่งเมืองอื่นนำรูปแบบไปปรับใช้กับการพัฒนาคลอง "
     "และเป็นเจ้าภาพศึกษาดูงานของเครือข่ายในเดือนมีนาคม 2557",
     "ACCCRN pilot city in the North. Other cities adapted its restoration of the Mae Kok Noi area "
     "to their own canals; it hosted the network's study visit in March 2014."),
    ("hat-yai", K.MUNICIPALITY, L.CITY, "เทศบาลนครหาดใหญ่", "Hat Yai City Municipality", "",
     "songkhla", 7.0086, 100.4747, ["flood", "storm"], 150000,
     ["acccrn"], ["flooding", "water-management", "community-resilience", "disaster-risk-reduction"],
     "เมืองนำร่องของ ACCCRN ทางภาคใต้ บริหารจัดการน้ำท่วมร่วมกันหลายภาคส่วน "
     "โดยชุมชนมีส่วนร่วมและดูแลตนเองได้ เป็นเจ้าภาพศึกษาดูงานในเดือนมิถุนายน 2557",
     "ACCCRN pilot city in the South. Its flood management brings many sectors together and lets "
     "communities organise themselves; it hosted the study visit of June 2014."),
    ("udon-thani", K.MUNICIPALITY, L.CITY, "เทศบาลนครอุดรธานี", "Udon Thani City Municipality", "",
     "udon-thani", 17.4156, 102.7872, ["flood", "drought", "heat"], 130000,
     ["m-brace"], ["water-management", "heat", "community-resilience"],
     "เมืองนำร่องของ M-BRACE ในภาคอีสาน ร่วมศึกษาดูงานทั้งสองครั้ง "
     "และชุมชนของเมืองได้ไปแลกเปลี่ยนเรียนรู้กับชุมชนคูเต่าที่หาดใหญ่",
     "M-BRACE pilot city in the Northeast. It joined both study visits, and one of its communities "
     "went to learn from Khu Tao community in Hat Yai."),
    ("phuket", K.MUNICIPALITY, L.CITY, "เทศบาลนครภูเก็ต", "Phuket City Municipality", "",
     "phuket", 7.8842, 98.3923, ["flood", "sea_level", "storm"], 79000,
     ["m-brace"], ["flooding", "urbanisation", "climate-adaptation"],
     "เมืองนำร่องของ M-BRACE บนเกาะภูเก็ต เมืองท่องเที่ยวที่เติบโตเร็วและต้องรับมือกับน้ำท่วมฉับพลัน",
     "M-BRACE pilot city on Phuket island: a fast-growing tourist city that has to cope with flash "
     "floods."),
    ("patong", K.MUNICIPALITY, L.TOWN, "เทศบาลเมืองป่าตอง", "Patong Town Municipality", "",
     "phuket", 7.8965, 98.2985, ["sea_level", "flood", "storm"], 20000,
     [], ["climate-adaptation", "disaster-risk-reduction"],
     "เมืองชายหาดฝั่งตะวันตกของภูเก็ต ร่วมศึกษาดูงานที่เชียงรายและหาดใหญ่ "
     "เพื่อนำแนวทางไปใช้กับชายฝั่งและคลองของเมือง",
     "Beach town on Phuket's west coast. It joined the visits to Chiang Rai and Hat Yai to bring "
     "ideas home for its shore and canals."),
    ("thung-song", K.MUNICIPALITY, L.TOWN, "เทศบาลเมืองทุ่งสง", "Thung Song Town Municipality", "",
     "nakhon-si-thammarat", 8.1640, 99.6816, ["flood", "landslide"], 25000,
     [], ["flooding", "water-management"],
     "เมืองชุมทางในนครศรีธรรมราช ร่วมศึกษาดูงานการจัดการน้ำที่หาดใหญ่",
     "Railway junction town in Nakhon Si Thammarat; it joined the Hat Yai visit on water "
     "management."),
    ("tei", K.NGO, "", "สถาบันสิ่งแวดล้อมไทย", "Thailand Environment Institute", "TEI",
     "nonthaburi", 13.9099, 100.5467, [], None,
     ["acccrn", "m-brace"], ["climate-adaptation", "urban-governance", "urbanisation"],
     "ผู้ประสานงานของเครือข่าย กลุ่มแผนงาน Urban Climate Resilience ของสถาบันดำเนินโครงการ ACCCRN "
     "และ M-BRACE จัดศึกษาดูงาน เวทีแลกเปลี่ยน และรวบรวมคู่มือการพัฒนาเครือข่าย",
     "Runs the network. Its Urban Climate Resilience programme group carried out ACCCRN and "
     "M-BRACE, organised the study visits and exchange meetings, and wrote the network handbook."),
    ("onep", K.GOVERNMENT, "", "สำนักงานนโยบายและแผนทรัพยากรธรรมชาติและสิ่งแวดล้อม",
     "Office of Natural Resources and Environmental Policy and Planning", "ONEP",
     "bangkok", 13.7795, 100.5380, [], None, [], ["climate-adaptation", "climate-finance"],
     "หน่วยงานกลางที่ประสานแผนแม่บทด้านการเปลี่ยนแปลงสภาพภูมิอากาศของประเทศ "
     "และร่วมศึกษาดูงานของเครือข่ายทั้งสองครั้ง",
     "The central agency that coordinated Thailand's climate change master plan; it took part in "
     "both of the network's study visits."),
    ("bma-environment", K.LOCAL_ADMIN, "", "สำนักสิ่งแวดล้อม กรุงเทพมหานคร",
     "Bangkok Metropolitan Administration, Department of Environment", "BMA",
     "bangkok", 13.7522, 100.5009, ["flood", "heat"], None, [], ["flooding", "heat"],
     "หน่วยงานด้านสิ่งแวดล้อมของกรุงเทพมหานคร ร่วมศึกษาดูงานการจัดการน้ำที่หาดใหญ่",
     "Bangkok's environment department; it joined the study visit on water management in "
     "Hat Yai."),
    ("ku", K.ACADEMIC, "", "มหาวิทยาลัยเกษตรศาสตร์", "Kasetsart University", "KU",
     "bangkok", 13.8476, 100.5696, [], None, [], ["water-management", "ecosystems"],
     "หนึ่งในเจ็ดมหาวิทยาลัยของเครือข่ายนักวิชาการด้านการกลายเป็นเมืองและการรับมือ",
     "One of the seven universities in the academic network on urbanisation and resilience."),
    ("kmitl", K.ACADEMIC, "", "สถาบันเทคโนโลยีพระจอมเกล้าเจ้าคุณทหารลาดกระบัง",
     "King Mongkut's Institute of Technology Ladkrabang", "KMITL",
     "bangkok", 13.7299, 100.7782, [], None, [], ["urbanisation"],
     "หนึ่งในเจ็ดมหาวิทยาลัยของเครือข่ายนักวิชาการ ด้านการวางผังเมืองและสถาปัตยกรรม",
     "One of the seven universities in the academic network, on planning and architecture."),
    ("chula", K.ACADEMIC, "", "จุฬาลงกรณ์มหาวิทยาลัย", "Chulalongkorn University", "CU",
     "bangkok", 13.7384, 100.5321, [], None, [], ["urbanisation", "urban-governance"],
     "หนึ่งในเจ็ดมหาวิทยาลัยของเครือข่ายนักวิชาการ ศึกษาความยากจนในเมืองและความเปราะบาง",
     "One of the seven universities in the academic network, studying urban poverty and "
     "vulnerability."),
    ("cmu", K.ACADEMIC, "", "มหาวิทยาลัยเชียงใหม่", "Chiang Mai University", "CMU",
     "chiang-mai", 18.8037, 98.9525, [], None, [], ["health", "climate-adaptation"],
     "หนึ่งในเจ็ดมหาวิทยาลัยของเครือข่ายนักวิชาการ ทางภาคเหนือ",
     "One of the seven universities in the academic network, in the North."),
    ("kku", K.ACADEMIC, "", "มหาวิทยาลัยขอนแก่น", "Khon Kaen University", "KKU",
     "khon-kaen", 16.4742, 102.8230, [], None, [], ["drought", "water-management"],
     "หนึ่งในเจ็ดมหาวิทยาลัยของเครือข่ายนักวิชาการ ทางภาคอีสาน",
     "One of the seven universities in the academic network, in the Northeast."),
    ("udru", K.ACADEMIC, "", "มหาวิทยาลัยราชภัฏอุดรธานี", "Udon Thani Rajabhat University", "UDRU",
     "udon-thani", 17.4335, 102.7934, [], None, [], ["community-resilience"],
     "หนึ่งในเจ็ดมหาวิทยาลัยของเครือข่ายนักวิชาการ ทำงานใกล้ชิดกับชุมชนในอุดรธานี",
     "One of the seven universities in the academic network, working closely with Udon Thani's "
     "communities."),
    ("psu", K.ACADEMIC, "", "มหาวิทยาลัยสงขลานครินทร์", "Prince of Songkla University", "PSU",
     "songkhla", 7.0070, 100.4987, [], None, [], ["flooding", "disaster-risk-reduction"],
     "หนึ่งในเจ็ดมหาวิทยาลัยของเครือข่ายนักวิชาการ ทางภาคใต้ ใกล้ชิดกับงานจัดการน้ำท่วมของหาดใหญ่",
     "One of the seven universities in the academic network, in the South, close to Hat Yai's flood "
     "work."),
    ("rmutl", K.ACADEMIC, "", "มหาวิทยาลัยเทคโนโลยีราชมงคลล้านนา",
     "Rajamangala University of Technology Lanna", "RMUTL",
     "chiang-mai", 18.8105, 98.9567, [], None, [], ["urbanisation"],
     "ร่วมศึกษาดูงานการจัดการน้ำที่หาดใหญ่",
     "Joined the study visit on water management in Hat Yai."),
    # Khu Tao's position is approximate; network/demo/events.py KHU_TAO_* uses the same one.
    ("khu-tao", K.COMMUNITY, "", "ชุมชนคูเต่า", "Khu Tao community", "",
     "songkhla", 7.119, 100.406, ["flood"], None, [], ["community-resilience", "flooding"],
     "ชุมชนในอำเภอหาดใหญ่ที่เตรียมรับมือน้ำท่วมได้ด้วยตนเอง "
     "เคยต้อนรับชุมชนจากอุดรธานีมาแลกเปลี่ยนประสบการณ์",
     "A community in Hat Yai district that prepares for floods by itself; it welcomed a community "
     "from Udon Thani to swap experience."),
    ("nmlt", K.NETWORK, "", "สมาคมสันนิบาตเทศบาลแห่งประเทศไทย", "National Municipal League of Thailand",
     "NMLT", "bangkok", 13.7890, 100.5510, [], None, [], ["urban-governance"],
     "สมาคมของเทศบาลทั่วประเทศ คณะอนุกรรมาธิการด้านสิ่งแวดล้อม ผังเมือง และการโยธา "
     "ช่วยส่งข่าวของเครือข่ายถึงเทศบาลสมาชิก และร่วมพัฒนาตัวชี้วัดเทศบาลน่าอยู่อย่างยั่งยืน",
     "The association of Thai municipalities. Its sub-committee on environment, town planning and "
     "public works passes the network's news to member municipalities; it co-developed the "
     "sustainable livable municipality indicators."),
    ("tccn", K.NETWORK, "", "เครือข่ายการเปลี่ยนแปลงสภาพภูมิอากาศไทย", "Thailand Climate Change Network",
     "TCCN", "pathum-thani", None, None, [], None, [], ["climate-adaptation"],
     "เครือข่ายข้อมูลด้านโลกร้อนที่กรมส่งเสริมคุณภาพสิ่งแวดล้อมตั้งขึ้น",
     "An information network on climate change set up by DEQP."),
    ("tcj", K.NETWORK, "", "คณะทำงานเพื่อโลกเย็นที่เป็นธรรม", "Thai Climate Justice Working Group",
     "TCJ", "bangkok", None, None, [], None, [], ["climate-finance", "community-resilience"],
     "กลุ่มองค์กรพัฒนาเอกชนที่ตั้งขึ้นเมื่อ พ.ศ. 2551 ผลักดันให้ภาคประชาสังคมมีส่วนร่วมในนโยบายสภาพภูมิอากาศ",
     "A coalition of NGOs founded in 2008 that pushes for civil society's voice in climate policy."),
    ("apan", K.NETWORK, "", "เครือข่ายการปรับตัวเอเชียแปซิฟิก", "Asia Pacific Adaptation Network",
     "APAN", "bangkok", 13.7590, 100.5080, [], None, [], ["climate-adaptation", "climate-finance"],
     "เครือข่ายระดับภูมิภาคที่มีสำนักงานในกรุงเทพฯ ช่วยให้ประเทศต่าง ๆ "
     "เข้าถึงความรู้ เงินทุน และเทคโนโลยีเพื่อการปรับตัว",
     "A regional network with its office in Bangkok that helps countries reach knowledge, funding "
     "and technology for adaptation."),
    ("municipal-learning-network", K.NETWORK, "",
     "เครือข่ายการเรียนรู้ด้านการจัดการเมืองและสิ่งแวดล้อมระดับภูมิภาค",
     "Regional learning network on urban management and environment", "", "", None, None, [], None,
     [], ["urban-governance"],
     "เครือข่ายของเทศบาลที่แลกเปลี่ยนแนวปฏิบัติที่ดี ร่วมกับสันนิบาตเทศบาลและสถาบันสิ่งแวดล้อมไทย "
     "มีศูนย์ประสานงานห้าภาค ได้แก่ เทศบาลนครนครปฐม (ภาคกลาง) เทศบาลเมืองแกลง (ภาคตะวันออก) "
     "เทศบาลนครขอนแก่น (ภาคตะวันออกเฉียงเหนือ) เทศบาลนครเชียงราย (ภาคเหนือ) และเทศบาลนครสงขลา (ภาคใต้)",
     "A municipal network that swaps good practices, working with the Municipal League and TEI. "
     "Its five regional coordination centres are Nakhon Pathom (central), Klaeng (east), Khon Kaen "
     "(northeast), Chiang Rai (north) and Songkhla (south)."),
]

# Network groups earlier demo versions made up (sub-networks) or gave this network although they
# belong to the municipal learning network (regional centres); a new load removes them.
RETIRED_GROUPS = [
    "centre-central", "centre-east", "centre-northeast", "centre-north", "centre-south",
    "academic-network", "community-network", "policy-network",
]  # fmt: skip

# (organisation, email or "", honorific, name_th, name_en, position, role, focal, visibility)
PEOPLE = [
    ("chiang-rai", "editor.chiangrai@demo.thaicity-climate.org", "ms", "สุภาพร ใจดี",
     "Supaporn Jaidee", "นักวิชาการสิ่งแวดล้อม", "editor", True, "members"),
    ("chiang-rai", "", "mr", "ประเสริฐ แก้วมูล", "Prasert Kaewmoon", "ผู้อำนวยการกองช่าง",
     "member", False, "members"),
    ("hat-yai", "editor.hatyai@demo.thaicity-climate.org", "mr", "อนุชา หมัดหมาน",
     "Anucha Madman", "เจ้าพนักงานป้องกันและบรรเทาสาธารณภัย", "editor", True, "public"),
    ("hat-yai", "", "mrs", "รัตนา ทองสุข", "Rattana Thongsuk", "นักพัฒนาชุมชน",
     "member", False, "members"),
    ("udon-thani", "editor.udon@demo.thaicity-climate.org", "ms", "วิไลวรรณ ศรีสุข",
     "Wilaiwan Srisuk", "นักวิเคราะห์นโยบายและแผน", "editor", True, "members"),
    ("udon-thani", "", "mr", "สมบัติ พลอาสา", "Sombat Phon-asa", "ผู้นำชุมชน", "member",
     False, "hidden"),
    ("phuket", "editor.phuket@demo.thaicity-climate.org", "mr", "ธนวัฒน์ ทองดี",
     "Thanawat Thongdee", "นักผังเมือง", "editor", True, "members"),
    ("patong", "editor.patong@demo.thaicity-climate.org", "ms", "จันทร์เพ็ญ หาญทะเล",
     "Chanphen Hanthale", "นักวิชาการสิ่งแวดล้อม", "editor", True, "members"),
    ("thung-song", "editor.thungsong@demo.thaicity-climate.org", "mr", "ชาญชัย ศรีทุ่ง",
     "Chanchai Srithung", "วิศวกรโยธา", "editor", True, "members"),
    ("tei", "editor.tei@demo.thaicity-climate.org", "dr", "กมลวรรณ วงศ์ไทย",
     "Kamolwan Wongthai", "ผู้อำนวยการแผนงาน Urban Climate Resilience", "editor", True, "public"),
    ("tei", "", "ms", "นภัสสร เมืองดี", "Napatsorn Muangdee", "เจ้าหน้าที่ประสานงานเครือข่าย", "member", False,
     "members"),
    ("onep", "", "mr", "วีระ นโยบายดี", "Weera Nayobaidee", "นักวิชาการด้านนโยบายการเปลี่ยนแปลงสภาพภูมิอากาศ",
     "editor", True, "members"),
    ("psu", "", "asst_prof", "ปิยะ ฝนดี", "Piya Fondee", "อาจารย์ภาควิชาวิศวกรรมโยธา",
     "editor", True, "public"),
    ("cmu", "", "assoc_prof", "ดวงใจ ดอยสูง", "Duangjai Doisung", "นักวิจัยด้านสุขภาพในเมือง",
     "editor", True, "members"),
    ("khu-tao", "", "mrs", "สมศรี คูเต่า", "Somsri Khutao", "ประธานกรรมการชุมชน", "editor",
     True, "members"),
    ("nmlt", "", "mr", "ไพโรจน์ เทศบาล", "Pairoj Tessaban", "เลขานุการคณะอนุกรรมาธิการด้านสิ่งแวดล้อม", "editor", True, "members"),
]
# fmt: on


def load() -> str:
    from allauth.account.models import EmailAddress

    programmes = {}
    for data in PROGRAMMES:
        slug = data["slug"]
        programmes[slug], _ = Programme.objects.update_or_create(
            slug=slug, defaults={k: v for k, v in data.items() if k != "slug"}
        )
    topics = {t.slug: t for t in Topic.objects.all()}
    # Looked up on each load, never kept between loads: the rows may have been loaded again since.
    provinces = {p.code: p for p in Province.objects.all()}

    organisations = {}
    for (slug, kind, level, name_th, name_en, short, province_code, lat, lng, hazards,
         _population, programme_slugs, topic_slugs, description_th, description_en) in ORGANISATIONS:  # fmt: skip
        province = provinces[province_code] if province_code else None
        org, _ = Organisation.objects.update_or_create(
            slug=slug,
            defaults={
                "kind": kind,
                "municipality_level": level,
                "name_th": name_th,
                "name_en": name_en,
                "short_name": short,
                "province": province,
                "region": province.region if province else "",
                "latitude": lat,
                "longitude": lng,
                "hazards": hazards,
                "population": None,
                "description_th": description_th,
                "description_en": description_en,
                "status": Organisation.Status.ACTIVE,
                "joined_on": None,
            },
        )
        org.programmes.set([programmes[p] for p in programme_slugs])
        org.topics.set([topics[t] for t in topic_slugs if t in topics])
        organisations[slug] = org

    NetworkGroup.objects.filter(slug__in=RETIRED_GROUPS).delete()

    password = make_password(os.environ.get("DEMO_PASSWORD", "climate-2557"))
    accounts = 0
    for (org_slug, email, honorific, name_th, name_en, position, role, focal,
         visibility) in PEOPLE:  # fmt: skip
        user = None
        if email:
            user, created = User.objects.get_or_create(email=email, defaults={"password": password})
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            accounts += 1
        defaults = {
            "user": user,
            "honorific": honorific,
            "name_th": name_th,
            "position": position,
            "email": email or f"{name_en.split()[0].lower()}@example.org",
            "phone": "+66 80 000 0000",
            "line_id": name_en.split()[0].lower(),
            "contact_visibility": visibility,
            "speaks": ["th", "en"],
            "languages": "",
        }
        # People with an account are keyed on it, the others on their English name.
        if user is not None:
            person, _ = Person.objects.update_or_create(
                user=user, defaults=defaults | {"name_en": name_en}
            )
        else:
            person, _ = Person.objects.update_or_create(name_en=name_en, defaults=defaults)
        Membership.objects.update_or_create(
            person=person,
            organisation=organisations[org_slug],
            defaults={"role": role, "is_focal_point": focal},
        )

    return (
        f"{len(organisations)} organisations, {NetworkGroup.objects.count()} network groups, "
        f"{len(PEOPLE)} people ({accounts} editor accounts, password from DEMO_PASSWORD)"
    )
