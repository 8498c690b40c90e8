"""Demo joint projects. The handbook's third strategy asks members to develop activities and
projects together across sectors and to reach funding in Thailand and abroad, and its advice on
resources asks for regular progress reports on how funds are used; it names no particular joint
project. So the two projects here are examples, marked ``is_example`` (their pages say so), with
no real funder or amount: they show what the pages do, not what the network did."""

import datetime as dt

from members.models import BudgetLine, Milestone, Organisation, Project, ProjectPartner, Topic

EXAMPLES = [
    {
        "slug": "example-shared-flood-warning",
        "lead": "chiang-rai",
        "partners": [("tei", "ข้อมูลและการวิเคราะห์ (ตัวอย่าง)")],
        "title_th": "(ตัวอย่าง) ระบบเตือนภัยน้ำท่วมที่เมืองและภาคีใช้ร่วมกัน",
        "title_en": "(Example) A flood warning system shared by a city and its partners",
        "summary_th": (
            "โครงการตัวอย่างในข้อมูลสาธิต แสดงการใช้หน้าโครงการร่วมตามยุทธศาสตร์ที่ 3 ของคู่มือ"
            "เครือข่าย: ภาคีร่วมกันพัฒนากิจกรรมหรือโครงการที่เหมาะสมกับพื้นที่ เสริมสร้างการทำงาน"
            "จากหลายภาคส่วน และเพิ่มโอกาสเข้าถึงแหล่งทุนทั้งในและนอกประเทศ ไม่ใช่โครงการจริง"
        ),
        "summary_en": (
            "An example in the demo data showing the joint project pages, after the handbook's "
            "third strategy: members develop activities or projects suited to their area together, "
            "across sectors, and reach funding in Thailand and abroad. Not a real project."
        ),
        "status": Project.Status.PARTNERS,
        "topics": ["flooding", "disaster-risk-reduction"],
        "regions": ["north"],
        "interval": Project.Interval.NONE,
        "start": None,
        "budget": [],
        "milestones": [],
    },
    {
        "slug": "example-community-heat-plan",
        "lead": "hat-yai",
        "partners": [("psu", "วิชาการ (ตัวอย่าง)"), ("khu-tao", "ชุมชน (ตัวอย่าง)")],
        "title_th": "(ตัวอย่าง) แผนรับมือความร้อนที่ทำร่วมกับชุมชน",
        "title_en": "(Example) A heat plan made with communities",
        "summary_th": (
            "โครงการตัวอย่างในข้อมูลสาธิต แสดงงบประมาณ หมุดหมาย และรายงานความคืบหน้าตามรอบ "
            "ซึ่งคู่มือเครือข่ายแนะนำให้มีระบบตรวจสอบการใช้จ่ายและรายงานผลเป็นระยะ "
            "แหล่งทุนและจำนวนเงินเป็นตัวอย่าง ไม่ใช่ข้อมูลจริง"
        ),
        "summary_en": (
            "An example in the demo data showing a budget, milestones and regular progress "
            "reports, which the handbook advises for funded work (a check on spending and reports "
            "at intervals). The funder and amount are examples, not real figures."
        ),
        "status": Project.Status.RUNNING,
        "topics": ["heat", "community-resilience"],
        "regions": ["south"],
        "interval": Project.Interval.QUARTERLY,
        "start": dt.date(2026, 10, 1),
        "budget": [("แหล่งทุนตัวอย่าง (Example funder)", 100000)],
        "milestones": [
            ("(ตัวอย่าง) ประชุมชุมชน", "(Example) Community meetings", dt.date(2026, 12, 15)),
            ("(ตัวอย่าง) ร่างแผน", "(Example) Draft plan", dt.date(2027, 3, 31)),
        ],
    },
]


def load() -> str:
    organisations = {o.slug: o for o in Organisation.objects.all()}
    topics = {t.slug: t for t in Topic.objects.all()}
    made = 0
    for data in EXAMPLES:
        if data["lead"] not in organisations:
            continue
        project, created = Project.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "lead": organisations[data["lead"]],
                "title_th": data["title_th"],
                "title_en": data["title_en"],
                "summary_th": data["summary_th"],
                "summary_en": data["summary_en"],
                "status": data["status"],
                "regions": data["regions"],
                "report_every_months": data["interval"],
                "start": data["start"],
                "visibility": Project.Visibility.PUBLIC,
                "is_example": True,
            },
        )
        made += created
        project.topics.set([topics[t] for t in data["topics"] if t in topics])
        project.partnerships.all().delete()
        ProjectPartner.objects.bulk_create(
            ProjectPartner(project=project, organisation=organisations[slug], role=role)
            for slug, role in data["partners"]
            if slug in organisations
        )
        project.budget_lines.all().delete()
        BudgetLine.objects.bulk_create(
            BudgetLine(project=project, funder=funder, amount=amount)
            for funder, amount in data["budget"]
        )
        project.milestones.all().delete()
        Milestone.objects.bulk_create(
            Milestone(project=project, title_th=th, title_en=en, due=due)
            for th, en, due in data["milestones"]
        )
    return f"{len(EXAMPLES)} example projects ({made} new), marked as examples"
