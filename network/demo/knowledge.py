"""Demo library and discussions from the network's handbook, written in our own words.

Idempotent: resources are keyed on slugs, threads on their title, comments and replies on their
text. Runs after the members and events demo: organisations, people and events are looked up by
slug and simply left out when they are missing.
"""

import datetime as dt

from members.models import Organisation, Person, Topic, User

HANDBOOK = "คู่มือการพัฒนาเครือข่ายเมืองรับมือกับการเปลี่ยนแปลงสภาพภูมิอากาศ"

# slug, kind, title_th, title_en, summary_th, summary_en, body_th, body_en, topics, organisations,
# cities, regions, tags, published_on, visibility, extra fields
RESOURCES = [
    # --- The handbook, one resource per part ------------------------------------------------------
    {
        "slug": "handbook-1-introduction",
        "kind": "document",
        "title_th": "คู่มือเครือข่าย ตอนที่ 1: บทนำ ทำไมเมืองต้องร่วมมือกัน",
        "title_en": "Network handbook, part 1: Introduction, why cities must work together",
        "summary_th": "ผลกระทบจากการเปลี่ยนแปลงสภาพภูมิอากาศไม่เลือกหน่วยงาน การรับมือของเมืองจึงต้องอาศัยความร่วมมือหลายภาคส่วน และการสร้างเครือข่ายช่วยลดการทำงานซ้ำซ้อน",
        "summary_en": "Climate impacts reach every organisation, so urban resilience needs many sectors working together; networking avoids duplicated effort and creates mutual benefit.",
        "body_th": "สถาบันสิ่งแวดล้อมไทยรวบรวมแนวคิด วิธีการ ตัวอย่างเครือข่าย และประสบการณ์ของตนเองไว้ในคู่มือเล่มนี้ เพื่อให้ผู้ปฏิบัติงานในเมืองใช้เป็นแนวทาง\n\n- ภัยพิบัติและสภาพอากาศที่แปรปรวนกระทบทุกภาคส่วน\n- ไม่มีหน่วยงานใดรับมือได้ลำพัง\n- เครือข่ายทำให้เกิดการแลกเปลี่ยนความรู้และประโยชน์ร่วมกัน",
        "body_en": "The Thailand Environment Institute gathered concepts, methods, example networks and its own experience in this handbook as a guide for people working in cities.\n\n- Disasters and a changing climate affect every sector.\n- No single agency can cope alone.\n- A network lets members exchange knowledge and benefit from each other.",
        "topics": ["climate-adaptation", "urban-governance"],
        "organisations": ["tei"],
        "tags": ["handbook", "networking"],
        "published_on": dt.date(2015, 6, 1),
        "language": "both",
    },
    {
        "slug": "handbook-2-network-concepts-and-theory",
        "kind": "document",
        "title_th": "คู่มือเครือข่าย ตอนที่ 2: แนวคิดและทฤษฎีการสร้างเครือข่าย",
        "title_en": "Network handbook, part 2: Network concepts and theory",
        "summary_th": "เครือข่ายทางสังคมคือปฏิสัมพันธ์ที่มีแบบแผนและเป้าหมายร่วม ไม่ใช่แค่การพบปะหรือรายชื่อผู้ติดต่อ พร้อมทฤษฎีกราฟ ทฤษฎีความสมดุล และทฤษฎีการแลกเปลี่ยน",
        "summary_en": "A social network is patterned interaction around shared goals, not a meeting or a contact list; with graph theory, balance theory and exchange theory.",
        "body_th": "การสร้างเครือข่ายต้องเป็นการสื่อสารสองทาง ไม่ใช่การส่งจดหมายข่าวทางเดียว เมื่อสมาชิกร่วมกันทำงานจะเกิดพลังทวีคูณ (1+1 > 2)\n\n## ทฤษฎีกราฟ\nจุดหรือโหนดแทนผู้แสดง เส้นแทนความผูกพัน ลูกศรทางเดียวหรือสองทางบอกระดับการตอบแทนกัน เป็นพื้นฐานของการวิเคราะห์เครือข่ายทางสังคม\n\n## ทฤษฎีความแตกต่าง\nคนมักรวมกลุ่มกับคนที่คล้ายกัน ความรู้ใหม่จึงมักมาจากคนแปลกหน้าหรือคนกลางที่เชื่อมกลุ่มต่าง ๆ เข้าด้วยกัน",
        "body_en": "Networking must be two-way communication, not a one-way newsletter. When members act together the result is more than the sum of the parts (1+1 > 2).\n\n## Graph theory\nNodes stand for actors and lines for ties; one-way or two-way arrows show how reciprocal a tie is. This is the basis of social network analysis.\n\n## Heterophily\nPeople cluster with similar people, so new knowledge tends to arrive through strangers or through go-betweens who link groups.",
        "topics": ["urban-governance"],
        "organisations": ["tei"],
        "tags": ["handbook", "network theory", "graph theory"],
        "published_on": dt.date(2015, 6, 1),
        "language": "both",
    },
    {
        "slug": "handbook-3-how-networks-form-link",
        "kind": "document",
        "title_th": "คู่มือเครือข่าย ตอนที่ 3: การก่อเกิดของเครือข่ายและปรัชญา LINK",
        "title_en": "Network handbook, part 3: How networks form, and the LINK philosophy",
        "summary_th": "เครือข่ายเกิดได้สามแบบ คือ ตามธรรมชาติ จัดตั้ง และแบบผสม ส่วนปรัชญา LINK คือ การเรียนรู้ การลงทุน การฟูมฟักบำรุง และการให้",
        "summary_en": "Networks form naturally, are set up by an organiser, or evolve as hybrids; LINK stands for Learning, Investment, Nurture and Give.",
        "body_th": "เครือข่ายตามธรรมชาติเกิดช้าแต่เข้มแข็ง เครือข่ายที่จัดตั้งโดยรัฐมักอ่อนแรงลงเมื่อหมดงบประมาณ ส่วนเครือข่ายแบบผสมผสานเติบโตจากทั้งสองทาง\n\n**LINK** หมายถึงการเชื่อมโยง: Learning การเรียนรู้, Investment การลงทุน, Nurture การฟูมฟักบำรุง และ Give การรักษาสัมพันธภาพ",
        "body_en": "Natural networks take long to form but are strong; networks set up by the state often fade when the budget ends; evolutionary networks grow both ways.\n\n**LINK** means linkage: Learning, Investment, Nurture and Give (keeping relationships).",
        "topics": ["community-resilience"],
        "organisations": ["tei"],
        "tags": ["handbook", "networking"],
        "published_on": dt.date(2015, 6, 1),
        "language": "both",
    },
    {
        "slug": "handbook-4-real-and-pseudo-networks",
        "kind": "toolkit",
        "title_th": "คู่มือเครือข่าย ตอนที่ 4: เครือข่ายแท้กับเครือข่ายเทียม",
        "title_en": "Network handbook, part 4: Real networks and pseudo networks",
        "summary_th": "เครือข่ายเทียมเป็นเพียงการชุมนุมพบปะ เครือข่ายแท้มีองค์ประกอบอย่างน้อยเจ็ดประการ ตั้งแต่การรับรู้ร่วมกันจนถึงปฏิสัมพันธ์เชิงแลกเปลี่ยน",
        "summary_en": "A pseudo network is only a gathering; a real one has at least seven components, from a shared perception to two-way interaction.",
        "body_th": "ใช้รายการนี้ตรวจสุขภาพเครือข่ายของท่าน\n\n1. การรับรู้และมุมมองที่เหมือนกัน\n2. วิสัยทัศน์ร่วมกัน\n3. ผลประโยชน์ร่วมกัน\n4. การมีส่วนร่วมของสมาชิกทุกคนในฐานะหุ้นส่วน\n5. การเสริมสร้างซึ่งกันและกัน\n6. การเกื้อหนุนพึ่งพากัน\n7. ปฏิสัมพันธ์เชิงแลกเปลี่ยน ไม่เช่นนั้นสมาชิกก็เป็นเพียงก้อนหินในถุง",
        "body_en": "Use this list to check the health of your network.\n\n1. A common perception of the problem\n2. A common vision\n3. Mutual interests and benefits\n4. Every member taking part as a partner\n5. Complementary strengths\n6. Interdependence\n7. Two-way interaction, or members are just stones in a bag",
        "topics": ["urban-governance", "community-resilience"],
        "organisations": ["tei"],
        "tags": ["handbook", "checklist"],
        "published_on": dt.date(2015, 6, 1),
        "language": "both",
        "featured": True,
    },
    {
        "slug": "handbook-5-managing-and-sustaining-networks",
        "kind": "toolkit",
        "title_th": "คู่มือเครือข่าย ตอนที่ 5: การบริหารและรักษาเครือข่ายให้ยั่งยืน",
        "title_en": "Network handbook, part 5: Managing and sustaining a network",
        "summary_th": "ข้อเสนอแนะ 11 ข้อ หน้าที่ของผู้จัดการเครือข่าย และหลักหกประการในการรักษาเครือข่าย: กิจกรรมต่อเนื่อง สัมพันธภาพ ระบบจูงใจ ทรัพยากร ที่ปรึกษา และผู้นำรุ่นใหม่",
        "summary_en": "Eleven recommendations, the network manager's duties, and six principles for keeping a network alive: continuous activities, relationships, incentives, resources, advisers and new leaders.",
        "body_th": "## ผู้จัดการเครือข่าย\nจัดกิจกรรมให้สมาชิกพบกัน เช่น การประชุมประจำปีและเวทีแลกเปลี่ยนข้อมูล ดูแลจดหมายข่าวและศูนย์ข้อมูลของเครือข่าย สร้างความไว้วางใจ และตัดสินใจแบบมีส่วนร่วม\n\n## การรักษาเครือข่าย\n- กำหนดตารางกิจกรรมที่ชัดเจนและหมุนเวียนสถานที่ประชุม\n- ประกาศเกียรติยศหลายระดับและเผยแพร่ให้กว้างขวาง\n- จัดหาทรัพยากรพร้อมการรายงานผล\n- มีที่ปรึกษาและสร้างผู้นำรุ่นใหม่อย่างต่อเนื่อง",
        "body_en": "## The network manager\nBrings members together (annual meeting, exchange forums), keeps the newsletter and a data centre members can use, builds trust and decides with every group.\n\n## Keeping the network alive\n- A clear calendar, with meeting places rotating between regions\n- Honours at several levels, published widely\n- Resources with regular reporting\n- Advisers, and new leaders trained continuously",
        "topics": ["urban-governance"],
        "organisations": ["tei"],
        "tags": ["handbook", "network management", "recognition"],
        "published_on": dt.date(2015, 6, 1),
        "language": "both",
    },
    {
        "slug": "handbook-6-example-climate-networks",
        "kind": "document",
        "title_th": "คู่มือเครือข่าย ตอนที่ 6: ตัวอย่างเครือข่ายด้านสิ่งแวดล้อมและการเปลี่ยนแปลงสภาพภูมิอากาศ",
        "title_en": "Network handbook, part 6: Example environment and climate networks",
        "summary_th": "TCCN เครือข่ายการปรับตัวของ สกว. คณะทำงานเพื่อโลกเย็นที่เป็นธรรม (TCJ) เครือข่ายการเรียนรู้ด้านการจัดการเมืองและสิ่งแวดล้อมที่มีศูนย์ประสานงานห้าภูมิภาค APAN และเครือข่ายอนุรักษ์",
        "summary_en": "TCCN, TRF's adaptation network, the Thai Climate Justice Working Group, the municipal learning network with five regional centres, APAN and the conservation network.",
        "body_th": "คู่มือชี้ว่าเว็บไซต์ของเครือข่ายหลายแห่งเป็นเพียงแหล่งข้อมูลที่สื่อสารทางเดียว ไม่มีปฏิสัมพันธ์กับสมาชิกหรือผู้เยี่ยมชม\n\nเครือข่ายการเรียนรู้ด้านการจัดการเมืองและสิ่งแวดล้อมมีศูนย์ประสานงานห้าภูมิภาค ได้แก่ เทศบาลนครนครปฐม เทศบาลเมืองแกลง เทศบาลนครขอนแก่น เทศบาลนครเชียงราย และเทศบาลนครสงขลา",
        "body_en": "The handbook notes that many network websites are one-way sources of information, without interaction with members or visitors.\n\nThe municipal learning network has five regional coordination centres: Nakhon Pathom, Klaeng, Khon Kaen, Chiang Rai and Songkhla.",
        "topics": ["climate-adaptation"],
        "organisations": ["tei", "tccn", "tcj", "apan", "municipal-learning-network"],
        "tags": ["handbook", "partner networks"],
        "published_on": dt.date(2015, 6, 1),
        "language": "both",
    },
    {
        "slug": "handbook-7-tei-network-activities-and-strategy",
        "kind": "document",
        "title_th": "คู่มือเครือข่าย ตอนที่ 7: กิจกรรม วิสัยทัศน์ และยุทธศาสตร์ของเครือข่ายเมือง",
        "title_en": "Network handbook, part 7: The city network's activities, vision and strategies",
        "summary_th": "โครงการ ACCCRN และ M-BRACE การศึกษาดูงานสองครั้ง การประชุมแลกเปลี่ยนสามครั้ง การเยือนชุมชนคูเต่า ยุทธศาสตร์งานวิจัย และยุทธศาสตร์สามด้านของเครือข่าย",
        "summary_en": "ACCCRN and M-BRACE, two study visits, three exchange meetings, the Khu Tao community visit, the research strategy and the network's three strategies.",
        "body_th": "## ยุทธศาสตร์เครือข่าย\n1. การสื่อสารผ่านอินเทอร์เน็ตและสื่อต่าง ๆ รวมถึงเว็บไซต์ thaicity-climate.org\n2. การแลกเปลี่ยนความรู้เรื่องการขยายตัวของเมือง ธรรมาภิบาล การจัดการน้ำ และการเปลี่ยนแปลงสภาพภูมิอากาศ ผ่านการเสวนา\n3. การร่วมกันพัฒนากิจกรรมหรือโครงการ และเพิ่มโอกาสเข้าถึงแหล่งทุนทั้งในและนอกประเทศ",
        "body_en": "## The network's strategies\n1. Communication through the internet and other media, including the thaicity-climate.org website\n2. Knowledge exchange on urbanisation, governance, water management and climate change, through seminars\n3. Developing activities and projects together, and reaching funding at home and abroad",
        "topics": ["urban-governance", "climate-adaptation", "water-management", "urbanisation"],
        "organisations": ["tei"],
        "tags": ["handbook", "strategy", "ACCCRN", "M-BRACE"],
        "published_on": dt.date(2015, 6, 1),
        "language": "both",
    },
    # --- City case studies -------------------------------------------------------------------------
    {
        "slug": "chiang-rai-mae-kok-noi-restoration",
        "kind": "case_study",
        "title_th": "เชียงราย: การฟื้นฟูพื้นที่แม่กกน้อยเพื่อรับมือน้ำท่วม",
        "title_en": "Chiang Rai: restoring the Mae Kok Noi area against floods",
        "summary_th": "เมืองนำร่อง ACCCRN ฟื้นฟูพื้นที่แม่กกน้อยให้เป็นพื้นที่รับน้ำและพื้นที่สีเขียว เมืองที่มาศึกษาดูงานนำรูปแบบนี้ไปใช้กับคลองในเมืองของตน",
        "summary_en": "The ACCCRN pilot city restored the Mae Kok Noi area as flood storage and green space; visiting cities took the model home for their own canals.",
        "topics": ["flooding", "water-management", "ecosystems"],
        "organisations": ["chiang-rai", "tei"],
        "cities": ["chiang-rai"],
        "regions": ["north"],
        "tags": ["ACCCRN", "study visit", "canals"],
        "published_on": dt.date(2014, 3, 7),
        "language": "both",
        "event": "chiang-rai",
        "context_th": "เทศบาลนครเชียงรายเป็นเมืองนำร่องของโครงการเครือข่ายเมืองในเอเชียเพื่อการรับมือกับการเปลี่ยนแปลงสภาพภูมิอากาศ (ACCCRN) ระหว่างปี 2553–2559 ได้รับการสนับสนุนจากมูลนิธิร็อคกี้เฟลเลอร์",
        "climate_risk_th": "น้ำท่วมจากแม่น้ำกกและลำน้ำสาขาในฤดูฝน และพื้นที่ชุ่มน้ำที่ถูกรุกล้ำจากการขยายตัวของเมือง",
        "actions_th": "ฟื้นฟูพื้นที่แม่กกน้อยให้เป็นพื้นที่รับน้ำและพื้นที่สีเขียว โดยทำงานร่วมกันระหว่างเทศบาล ภาคเอกชน ภาคประชาสังคม และชุมชน",
        "outcomes_th": "เมืองในเครือข่ายที่มาศึกษาดูงานเมื่อวันที่ 6–7 มีนาคม 2557 นำรูปแบบการฟื้นฟูไปประยุกต์ใช้กับการพัฒนาคลองในเมืองของตน",
        "lessons_th": "ความร่วมมือของทุกภาคส่วนเป็นหัวใจของการฟื้นฟูพื้นที่ธรรมชาติในเมือง",
        "contacts_th": "ฝ่ายสิ่งแวดล้อม เทศบาลนครเชียงราย",
        "context_en": "Chiang Rai City Municipality was a pilot city of the Asian Cities Climate Change Resilience Network (ACCCRN), 2010–2016, supported by the Rockefeller Foundation.",
        "climate_risk_en": "Floods from the Kok river and its tributaries in the rainy season, and wetlands encroached on as the city grows.",
        "actions_en": "Restored the Mae Kok Noi area as flood storage and green space, with the municipality, businesses, civil society and communities working together.",
        "outcomes_en": "Network cities on the study visit of 6–7 March 2014 applied the restoration model to developing the canals of their own cities.",
        "lessons_en": "Cooperation of every sector is at the heart of restoring natural areas in a city.",
        "contacts_en": "Environment division, Chiang Rai City Municipality",
    },
    {
        "slug": "hat-yai-multi-sector-flood-management",
        "kind": "case_study",
        "title_th": "หาดใหญ่: การบริหารจัดการน้ำแบบหลายภาคส่วนโดยชุมชนมีส่วนร่วม",
        "title_en": "Hat Yai: multi-sector water management with communities in the lead",
        "summary_th": "เมืองนำร่อง ACCCRN ภาคใต้ ใช้รูปแบบการบริหารจัดการน้ำที่รวมภาครัฐ เอกชน ประชาสังคม และชุมชน เน้นให้ชุมชนมีส่วนร่วมและจัดการตนเองได้",
        "summary_en": "The southern ACCCRN pilot city manages water with government, business, civil society and communities together, so communities can organise themselves.",
        "topics": [
            "flooding",
            "water-management",
            "community-resilience",
            "disaster-risk-reduction",
        ],
        "organisations": ["hat-yai", "tei"],
        "cities": ["hat-yai"],
        "regions": ["south"],
        "tags": ["ACCCRN", "study visit", "early warning"],
        "published_on": dt.date(2014, 6, 13),
        "language": "both",
        "event": "hat-yai",
        "context_en": "Hat Yai is the largest city of Songkhla province and an ACCCRN pilot city (2010–2016).",
        "climate_risk_en": "Severe floods in the city centre and surrounding districts, which will grow with heavier rain.",
        "actions_en": "A multi-sector water-management model: the municipality, businesses, civil society and communities share information and tasks, and communities run their own preparedness.",
        "outcomes_en": "Communities act on their own, strongly and continuously, when floods come. Cities on the June 2014 study visit saw it as a model to follow.",
        "lessons_en": "Strengthening communities is what makes a city resilient: give them information, roles and the means to act.",
        "contacts_en": "Disaster prevention office, Hat Yai City Municipality",
        "context_th": "หาดใหญ่เป็นเมืองที่ใหญ่ที่สุดของจังหวัดสงขลา และเป็นเมืองนำร่องของโครงการ ACCCRN (พ.ศ. 2553–2559)",
        "climate_risk_th": "น้ำท่วมรุนแรงในเขตเมืองและอำเภอโดยรอบ ซึ่งจะรุนแรงขึ้นเมื่อฝนตกหนักขึ้น",
        "actions_th": "รูปแบบการบริหารจัดการน้ำแบบหลายภาคส่วน เทศบาล ภาคเอกชน ภาคประชาสังคม และชุมชนแบ่งปันข้อมูลและหน้าที่กัน และชุมชนเตรียมพร้อมรับมือด้วยตนเอง",
        "outcomes_th": "ชุมชนลงมือรับมือน้ำท่วมด้วยตนเองอย่างเข้มแข็งและต่อเนื่อง เมืองที่มาศึกษาดูงานเมื่อเดือนมิถุนายน 2557 เห็นเป็นแบบอย่างที่ควรนำไปใช้",
        "lessons_th": "การเสริมความเข้มแข็งของชุมชนคือสิ่งที่ทำให้เมืองรับมือได้ ให้ข้อมูล บทบาท และเครื่องมือที่ชุมชนจะลงมือได้",
        "contacts_th": "งานป้องกันและบรรเทาสาธารณภัย เทศบาลนครหาดใหญ่",
    },
    {
        "slug": "udon-thani-m-brace-city-resilience",
        "kind": "case_study",
        "title_th": "อุดรธานี: เสริมสร้างการรับมือของเมืองภายใต้โครงการ M-BRACE",
        "title_en": "Udon Thani: building city resilience under M-BRACE",
        "summary_th": "เมืองนำร่อง M-BRACE (2554–2556) ที่ได้รับทุนจาก USAID เรียนรู้จากเมืองเครือข่ายและนำชุมชนไปแลกเปลี่ยนกับชุมชนคูเต่า",
        "summary_en": "An M-BRACE pilot city (2011–2013, funded by USAID) that learned from other network cities and took a community to Khu Tao.",
        "topics": ["water-management", "heat", "community-resilience"],
        "organisations": ["udon-thani", "tei"],
        "cities": ["udon-thani"],
        "regions": ["northeast"],
        "tags": ["M-BRACE", "USAID"],
        "published_on": dt.date(2014, 7, 1),
        "language": "both",
        "context_th": "เทศบาลนครอุดรธานีเป็นเมืองนำร่องของโครงการเสริมสร้างการรับมือของเมืองกับการเปลี่ยนแปลงสภาพภูมิอากาศ (M-BRACE)",
        "climate_risk_th": "น้ำท่วมในฤดูฝน ภัยแล้งในฤดูแล้ง และความร้อนในเขตเมือง",
        "actions_th": "เข้าร่วมการศึกษาดูงานที่เชียงรายและหาดใหญ่ และพาชุมชนไปแลกเปลี่ยนเรียนรู้กับชุมชนคูเต่า อำเภอหาดใหญ่",
        "outcomes_th": "ชุมชนได้แนวคิดในการปรับตัวที่นำกลับมาใช้ในพื้นที่ของตนเอง",
        "lessons_th": "การแลกเปลี่ยนระหว่างชุมชนกับชุมชนสร้างการเรียนรู้ที่ลึกกว่าการอบรมในห้อง",
        "context_en": "Udon Thani City Municipality was a pilot city of the Mekong Building Climate Resilient Asian Cities project (M-BRACE).",
        "climate_risk_en": "Floods in the rainy season, drought in the dry season and heat in the city.",
        "actions_en": "Joined the study visits to Chiang Rai and Hat Yai, and took a community to exchange with Khu Tao community in Hat Yai district.",
        "outcomes_en": "The community came home with ideas for adapting that it uses in its own area.",
        "lessons_en": "Exchanges from community to community teach more deeply than training in a classroom.",
    },
    {
        "slug": "phuket-m-brace-tourism-city",
        "kind": "case_study",
        "title_th": "ภูเก็ต: เมืองท่องเที่ยวกับการรับมือการเปลี่ยนแปลงสภาพภูมิอากาศ",
        "title_en": "Phuket: a tourism city preparing for climate change",
        "summary_th": "เมืองนำร่อง M-BRACE ทางภาคใต้ ร่วมการศึกษาดูงานทั้งสองครั้งเพื่อเรียนรู้การจัดการน้ำจากเมืองเครือข่าย",
        "summary_en": "The southern M-BRACE pilot city joined both study visits to learn water management from other network cities.",
        "topics": ["climate-adaptation", "water-management"],
        "organisations": ["phuket", "tei"],
        "cities": ["phuket", "patong"],
        "regions": ["south"],
        "tags": ["M-BRACE", "tourism"],
        "published_on": dt.date(2014, 7, 1),
        "language": "both",
        "context_en": "Phuket City Municipality took part in M-BRACE (Mekong Building Climate Resilient Asian Cities), 2011–2013.",
        "climate_risk_en": "Heavy rain and flash floods in a dense tourist economy, and pressure on water supply in the dry season.",
        "actions_en": "Joined the Chiang Rai and Hat Yai study visits together with neighbouring Patong.",
        "outcomes_en": "Ideas on canal restoration and community-based flood management for the island's towns.",
        "lessons_en": "Neighbouring towns on one island gain from planning together.",
        "context_th": "เทศบาลนครภูเก็ตเข้าร่วมโครงการเสริมสร้างการรับมือของเมืองกับการเปลี่ยนแปลงสภาพภูมิอากาศ (M-BRACE) พ.ศ. 2554–2556",
        "climate_risk_th": "ฝนตกหนักและน้ำท่วมฉับพลันในเมืองที่เศรษฐกิจพึ่งการท่องเที่ยว และแรงกดดันต่อน้ำประปาในฤดูแล้ง",
        "actions_th": "ร่วมการศึกษาดูงานที่เชียงรายและหาดใหญ่ร่วมกับเทศบาลเมืองป่าตองซึ่งเป็นเมืองใกล้เคียง",
        "outcomes_th": "แนวคิดเรื่องการฟื้นฟูคลองและการจัดการน้ำท่วมโดยชุมชนสำหรับเมืองต่าง ๆ บนเกาะ",
        "lessons_th": "เมืองใกล้เคียงกันบนเกาะเดียวกันได้ประโยชน์จากการวางแผนร่วมกัน",
    },
    {
        "slug": "khu-tao-community-exchange",
        "kind": "good_practice",
        "title_th": "ชุมชนคูเต่า: การแลกเปลี่ยนเรียนรู้จากชุมชนสู่ชุมชน",
        "title_en": "Khu Tao community: community-to-community learning",
        "summary_th": "ชุมชนจากอุดรธานีไปเรียนรู้กับชุมชนคูเต่า อำเภอหาดใหญ่ จังหวัดสงขลา แลกเปลี่ยนประสบการณ์การรับมือภัยพิบัติและนำแนวคิดไปปรับใช้",
        "summary_en": "A community from Udon Thani learned from Khu Tao community in Hat Yai district, Songkhla, and took ideas home to adapt.",
        "topics": ["community-resilience", "disaster-risk-reduction"],
        "organisations": ["khu-tao", "udon-thani", "hat-yai"],
        "cities": ["hat-yai", "udon-thani"],
        "regions": ["south", "northeast"],
        "tags": ["community exchange", "ศึกษาดูงาน"],
        "published_on": dt.date(2015, 3, 16),
        "language": "both",
        "context_th": "ชุมชนคูเต่าอยู่ในอำเภอหาดใหญ่ จังหวัดสงขลา เป็นชุมชนที่จัดการตนเองเพื่อรับมือน้ำท่วม",
        "actions_th": "ชุมชนจากเมืองอุดรธานีเดินทางไปศึกษาดูงานและพูดคุยกับแกนนำชุมชนคูเต่า",
        "outcomes_th": "เกิดการแลกเปลี่ยนประสบการณ์และความรู้ระหว่างชุมชน และแนวคิดในการปรับตัวของชุมชนตนเอง",
        "lessons_th": "ชาวบ้านเรียนรู้จากชาวบ้านได้ดีที่สุด",
        "context_en": "Khu Tao community is in Hat Yai district, Songkhla, and organises itself to cope with floods.",
        "actions_en": "A community from Udon Thani city travelled there on a study visit and talked with Khu Tao's community leaders.",
        "outcomes_en": "The communities exchanged experience and knowledge, and took home ideas for adapting in their own community.",
        "lessons_en": "Villagers learn best from villagers.",
    },
    # --- Exchange meetings, research and policy -------------------------------------------------------
    {
        "slug": "exchange-meetings-conclusions",
        "kind": "policy_brief",
        "title_th": "ข้อสรุปการประชุมแลกเปลี่ยนเรียนรู้ระหว่างเมืองในเครือข่าย ครั้งที่ 3",
        "title_en": "Conclusions of the third exchange meeting between network cities",
        "summary_th": "สิบสองข้อเสนอเพื่อทิศทางของเครือข่ายเมือง ตั้งแต่การใช้ชื่อร่วมกัน การฝึกอบรมทุกระดับ ไปจนถึงการเพิ่มช่องทางสื่อสารและดึงองค์กรใหม่เข้าร่วม",
        "summary_en": "Twelve proposals for the way forward: one shared name, training at every level, more communication channels with an admin each, shared KPIs and new partners.",
        "body_th": "การประชุมสามครั้ง: (1) บทเรียนการเสริมสร้างการรับมือของเมือง (2) เมืองกับการรับมืออุทกภัยภายใต้การเปลี่ยนแปลงสภาพภูมิอากาศ (3) แนวทางการดำเนินงานของเครือข่าย\n\nข้อสรุปสำคัญ:\n\n- ศูนย์และเครือข่ายควรใช้ชื่อเดียวกันที่สื่อสารได้ชัด\n- เมืองเครือข่ายร่างยุทธศาสตร์หลักร่วมกัน\n- ฝึกอบรมบุคลากรทุกระดับ ตั้งแต่ชุมชนถึงผู้บริหารเมือง\n- เผยแพร่ผ่านอนุกรรมาธิการด้านสิ่งแวดล้อม ผังเมือง และการโยธา ของสันนิบาตเทศบาล\n- เพิ่มช่องทางสื่อสาร เช่น เว็บไซต์ เฟซบุ๊ก และไลน์ โดยมีผู้ดูแลแต่ละช่องทาง\n- หาแรงจูงใจในการทำงานร่วมกัน เช่น ตัวชี้วัดร่วม\n- เชื่อมโยงเมืองและดึงองค์กรอื่นเข้าร่วม เช่น 100RC",
        "body_en": "Three meetings: (1) lessons from the cities' resilience work; (2) cities and floods under climate change; (3) the way forward for the network.\n\nKey conclusions:\n\n- Centres and networks should share one clear name.\n- Network cities draft joint core strategies.\n- Train people at every level, from communities to city executives.\n- Spread the word through the Municipal League's sub-committee on environment, town planning and public works.\n- Add channels (website, Facebook, LINE), each with an admin.\n- Find incentives for joint work, such as shared KPIs.\n- Link cities and bring in more organisations, such as 100RC.",
        "topics": ["urban-governance", "flooding", "climate-adaptation"],
        "organisations": ["tei", "nmlt"],
        "tags": ["exchange meeting", "conclusions"],
        "published_on": dt.date(2015, 5, 1),
        "language": "both",
        "event": "exchange",
        "featured": True,
    },
    {
        "slug": "urban-climate-research-strategy",
        "kind": "research",
        "title_th": "ยุทธศาสตร์งานวิจัยด้านการรับมือของเมืองกับการเปลี่ยนแปลงสภาพภูมิอากาศ",
        "title_en": "A research strategy for urban climate resilience in Thailand",
        "summary_th": "เครือข่ายนักวิชาการจากเจ็ดมหาวิทยาลัยและกรมโยธาธิการและผังเมือง กำหนดประเด็นวิจัยเรื่องการขยายตัวของเมือง ความยากจนในเมือง ความเปราะบาง และผลกระทบจากสภาพภูมิอากาศ",
        "summary_en": "Seven universities and the Department of Public Works and Town & Country Planning set a research agenda on urbanisation, urban poverty, vulnerability and climate impacts.",
        "body_th": "วัตถุประสงค์: เข้าใจการพัฒนาเมือง ความเปราะบาง และการรับมือในบริบทไทย ผลักดันวาระการวิจัยระดับชาติ เชื่อมนโยบายของเมืองกับงานวิจัย และเผยแพร่ผลงานวิชาการ\n\nมหาวิทยาลัยที่ร่วม: เกษตรศาสตร์ สถาบันเทคโนโลยีพระจอมเกล้าเจ้าคุณทหารลาดกระบัง จุฬาลงกรณ์ เชียงใหม่ ขอนแก่น ราชภัฏอุดรธานี และสงขลานครินทร์",
        "body_en": "Aims: understand urban development, vulnerability and resilience in Thailand; push a national research agenda; link city policy with research; publish papers at home and abroad.\n\nUniversities: Kasetsart, KMITL, Chulalongkorn, Chiang Mai, Khon Kaen, Udon Thani Rajabhat and Prince of Songkla.",
        "topics": ["urbanisation", "climate-adaptation", "health"],
        "organisations": ["tei", "ku", "kmitl", "chula", "cmu", "kku", "udru", "psu"],
        "tags": ["research network", "universities"],
        "published_on": dt.date(2015, 1, 15),
        "language": "both",
    },
    {
        "slug": "adaptation-policy-in-the-thai-context",
        "kind": "policy_brief",
        "title_th": "ความร่วมมือด้านนโยบายการปรับตัวต่อการเปลี่ยนแปลงสภาพภูมิอากาศในบริบทไทย",
        "title_en": "Policy cooperation on climate adaptation in the Thai context",
        "summary_th": "หน่วยงานระดับนโยบายระดมความคิดเรื่องภารกิจและอำนาจหน้าที่ด้านน้ำท่วมเมือง และเสนอให้สถาบันสิ่งแวดล้อมไทยเป็นแกนผลักดันการปรับตัวสู่นโยบายระดับชาติ",
        "summary_en": "Policy agencies mapped their roles on urban floods and recommended that TEI lead the push of adaptation into national policy.",
        "topics": ["urban-governance", "flooding", "climate-adaptation"],
        "organisations": ["tei", "onep"],
        "tags": ["policy network"],
        "published_on": dt.date(2015, 2, 1),
        "language": "th",
        "visibility": "members",
        "body_th": "ผลลัพธ์: ข้อเสนอให้ TEI เป็นหน่วยงานหลักในการผลักดันการปรับตัวต่อการเปลี่ยนแปลงสภาพภูมิอากาศสู่นโยบายระดับชาติ และเครือข่ายผู้มีส่วนได้ส่วนเสียในระดับนโยบาย",
    },
    {
        "slug": "study-visits-2557-news",
        "kind": "news",
        "title_th": "ข่าว: ศึกษาดูงานเชียงรายและหาดใหญ่ ปี 2557",
        "title_en": "News: study visits to Chiang Rai and Hat Yai in 2014",
        "summary_th": "เมืองเครือข่ายศึกษาดูงานที่เชียงราย 6–7 มีนาคม 2557 และหาดใหญ่ 12–13 มิถุนายน 2557 พร้อมผู้แทน สผ. และมหาวิทยาลัย",
        "summary_en": "Network cities visited Chiang Rai on 6–7 March 2014 and Hat Yai on 12–13 June 2014, with ONEP and university representatives.",
        "body_th": "การศึกษาดูงานแลกเปลี่ยนเรียนรู้ระหว่างเมืองเครือข่ายมุ่งแลกเปลี่ยนประสบการณ์และกระบวนการทำงาน เสริมสร้างศักยภาพ และจัดทำข้อเสนอแนะสำหรับแต่ละเมือง",
        "body_en": "The inter-city study visits aimed to exchange experience and working methods, build capacity and produce recommendations for each city.",
        "topics": ["community-resilience", "water-management"],
        "organisations": ["tei", "chiang-rai", "hat-yai"],
        "cities": ["chiang-rai", "hat-yai", "udon-thani", "phuket", "patong", "thung-song"],
        "regions": ["north", "south"],
        "tags": ["study visit", "ศึกษาดูงาน"],
        "published_on": dt.date(2014, 6, 20),
        "language": "both",
    },
]

THREADS = [
    {
        "kind": "question",
        "title": "เมืองไหนมีประสบการณ์ฟื้นฟูคลองในเขตเมืองบ้างครับ",
        "body": "เทศบาลของเราอยากนำรูปแบบการฟื้นฟูพื้นที่แม่กกน้อยมาใช้กับคลองสายหลัก อยากทราบว่ามีเมืองใดเคยทำแล้วบ้าง และเริ่มจากตรงไหน",
        "topics": ["water-management", "flooding"],
        "author": "editor.udon@demo.thaicity-climate.org",
        "replies": [
            (
                "editor.chiangrai@demo.thaicity-climate.org",
                "เชียงรายเริ่มจากการคุยกับชุมชนริมน้ำก่อนครับ ยินดีพาชมพื้นที่จริง ติดต่อฝ่ายสิ่งแวดล้อมได้เลย",
                True,
            ),
            ("editor.phuket@demo.thaicity-climate.org", "ภูเก็ตก็สนใจเช่นกัน ขอร่วมเรียนรู้ด้วยครับ", False),
        ],
    },
    {
        "kind": "partners",
        "title": "Looking for partners: community flood early warning in the South",
        "body": "Hat Yai would like to work with one or two southern cities on a joint proposal for community-run flood early warning. Universities welcome too.",
        "topics": ["flooding", "disaster-risk-reduction", "community-resilience"],
        "author": "editor.hatyai@demo.thaicity-climate.org",
        "replies": [
            (
                "editor.thungsong@demo.thaicity-climate.org",
                "Thung Song is interested. Our canals flood every year.",
                False,
            ),
        ],
    },
    {
        "kind": "funding",
        "title": "แหล่งทุนสำหรับโครงการปรับตัวระดับเมือง",
        "body": "รวบรวมแหล่งทุนทั้งในและนอกประเทศที่เทศบาลสมาชิกเคยได้รับหรือกำลังเปิดรับ โปรดเพิ่มเติมในความเห็น",
        "topics": ["climate-finance"],
        "author": "editor.tei@demo.thaicity-climate.org",
        "visibility": "members",
        "replies": [],
    },
    {
        "kind": "idea",
        "title": "Idea: rotate the annual meeting between regions",
        "body": "The handbook recommends rotating meeting places instead of always meeting in Bangkok. Which city could host next year?",
        "topics": ["urban-governance"],
        "author": "editor.tei@demo.thaicity-climate.org",
        "replies": [
            (
                "editor.chiangrai@demo.thaicity-climate.org",
                "Chiang Rai would be glad to host in the North.",
                False,
            ),
        ],
    },
]


def _event(key: str):
    """The demo event for a study visit or the exchange meetings, if the events demo made it."""
    from events.models import Event

    candidates = {
        "chiang-rai": (["study-visit-chiang-rai-2014", "chiang-rai-study-visit-2014"], {"kind": "study_visit", "start__date__range": (dt.date(2014, 3, 5), dt.date(2014, 3, 8))}),
        "hat-yai": (["study-visit-hat-yai-2014", "hat-yai-study-visit-2014"], {"kind": "study_visit", "start__date__range": (dt.date(2014, 6, 11), dt.date(2014, 6, 14))}),
        "exchange": (["exchange-meeting-3", "third-exchange-meeting"], {"kind": "exchange"}),
    }  # fmt: skip
    slugs, lookup = candidates[key]
    event = Event.objects.filter(slug__in=slugs).first()
    if event is None:
        event = Event.objects.filter(**lookup).order_by("-start").first()
    return event


def load() -> str:
    from knowledge.models import Comment, Reply, Resource, Thread
    from network.search.index import rebuild

    topics = {t.slug: t for t in Topic.objects.all()}
    organisations = {o.slug: o for o in Organisation.objects.all()}
    editors = {
        p.user.email: p for p in Person.objects.filter(user__isnull=False).select_related("user")
    }
    tei_editor = editors.get("editor.tei@demo.thaicity-climate.org")
    made = 0
    for data in RESOURCES:
        data = dict(data)
        slug = data.pop("slug")
        topic_slugs = data.pop("topics", [])
        org_slugs = data.pop("organisations", [])
        city_slugs = data.pop("cities", [])
        tags = data.pop("tags", [])
        event_key = data.pop("event", None)
        defaults = {
            "status": Resource.Status.PUBLISHED,
            "visibility": data.pop("visibility", "public"),
            "created_by": tei_editor.user if tei_editor else None,
            "event": _event(event_key) if event_key else None,
            **data,
        }
        resource, created = Resource.objects.update_or_create(slug=slug, defaults=defaults)
        made += created
        resource.topics.set([topics[s] for s in topic_slugs if s in topics])
        resource.organisations.set([organisations[s] for s in org_slugs if s in organisations])
        resource.cities.set([organisations[s] for s in city_slugs if s in organisations])
        resource.tags.set(tags)
        if tei_editor and slug.startswith("handbook"):
            resource.authors.set([tei_editor])
        elif org_slugs and org_slugs[0] in organisations:
            focal = [
                p
                for p in editors.values()
                if p.memberships.filter(organisation__slug=org_slugs[0]).exists()
            ]
            resource.authors.set(focal[:1])

    users = {u.email: u for u in User.objects.filter(email__endswith="@demo.thaicity-climate.org")}
    threads = 0
    for data in THREADS:
        author = users.get(data["author"])
        if author is None:
            continue
        thread, created = Thread.objects.update_or_create(
            title=data["title"],
            defaults={
                "kind": data["kind"],
                "body": data["body"],
                "author": author,
                "visibility": data.get("visibility", "public"),
            },
        )
        threads += created
        thread.topics.set([topics[s] for s in data["topics"] if s in topics])
        for email, body, helpful in data["replies"]:
            if email in users:
                Reply.objects.update_or_create(
                    thread=thread,
                    body=body,
                    defaults={"author": users[email], "is_helpful": helpful},
                )
        thread.reply_count = thread.replies.filter(is_hidden=False).count()
        thread.save(update_fields=["reply_count"])

    hat_yai = Resource.objects.filter(slug="hat-yai-multi-sector-flood-management").first()
    commenter = users.get("editor.udon@demo.thaicity-climate.org")
    if hat_yai and commenter:
        Comment.objects.get_or_create(
            resource=hat_yai,
            body="ชุมชนของเราได้ไปเรียนรู้ที่คูเต่าแล้ว ประทับใจการจัดการตนเองของชุมชนมากค่ะ",
            defaults={"author": commenter},
        )
    indexed = rebuild()
    return (
        f"{len(RESOURCES)} resources ({made} new), {len(THREADS)} discussions ({threads} new), "
        f"{indexed} search entries"
    )
