"""Seed a network the size of the benchmark: ``manage.py seed_bench [--scale 0.1] [--reset]``.

At scale 1: 10,000 people, 500 organisations, 2,000 events, 50,000 registrations, 100,000 resources
and 20,000 discussion posts, with Thai and English text. Rows are written with ``bulk_create`` in
batches, so a full run takes minutes, not hours. Every bench row is recognisable (slugs start with
``bench-``, e-mail addresses end with ``@bench.invalid``) so ``--reset`` removes exactly them.
"""

from __future__ import annotations

import random
import time
from datetime import timedelta
from decimal import Decimal

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

BATCH = 2000
PASSWORD = "bench-password-2568"  # noqa: S105 - benchmark accounts on a local machine
BENCH_USER = "member@bench.invalid"
FULL = {
    "organisations": 500,
    "people": 10_000,
    "events": 2_000,
    "registrations": 50_000,
    "resources": 100_000,
    "posts": 20_000,
    "projects": 1_000,
}

# Words of the network's own subject, for text that reads like what members write.
TH_SUBJECTS = [
    "การจัดการน้ำท่วมในเขตเมือง",
    "การรับมือภัยแล้ง",
    "ระบบเตือนภัยล่วงหน้า",
    "พื้นที่สีเขียวในเมือง",
    "การปรับตัวต่อการเปลี่ยนแปลงสภาพภูมิอากาศ",
    "การบริหารจัดการลุ่มน้ำ",
    "คลื่นความร้อนในเมือง",
    "การกัดเซาะชายฝั่ง",
    "ธรรมาภิบาลเมือง",
    "การมีส่วนร่วมของชุมชน",
    "แผนพัฒนาเทศบาล",
    "การจัดการขยะและน้ำเสีย",
    "การประเมินความเปราะบาง",
    "ป่าชายเลนและระบบนิเวศ",
    "พลังงานหมุนเวียน",
    "การขยายตัวของเมือง",
    "โครงสร้างพื้นฐานสีเขียว",
    "การเก็บกักน้ำฝน",
    "ภาวะฝุ่นละออง PM2.5",
]
TH_VERBS = [
    "ศึกษาแนวทาง",
    "ถอดบทเรียนจาก",
    "แลกเปลี่ยนประสบการณ์เรื่อง",
    "พัฒนาแผนปฏิบัติการด้าน",
    "ทบทวนนโยบาย",
    "สร้างความร่วมมือเพื่อ",
    "ติดตามผลการดำเนินงานด้าน",
    "จัดเวทีเสวนาเรื่อง",
]
TH_PLACES = [
    "เชียงราย",
    "หาดใหญ่",
    "อุดรธานี",
    "ภูเก็ต",
    "ป่าตอง",
    "ทุ่งสง",
    "ขอนแก่น",
    "นครสวรรค์",
    "ชุมชนคูเต่า",
    "ลุ่มน้ำกก",
    "ลุ่มน้ำอู่ตะเภา",
    "เทศบาลนครพิษณุโลก",
    "สมุทรสาคร",
]
TH_TAILS = [
    "โดยเน้นการมีส่วนร่วมของทุกภาคส่วน",
    "ร่วมกับมหาวิทยาลัยในพื้นที่",
    "เพื่อเตรียมพร้อมรับฤดูฝน",
    "ผ่านกลไกเครือข่ายระดับภูมิภาค",
    "และนำผลไปใช้ในแผนพัฒนาท้องถิ่น",
    "ด้วยข้อมูลจากชุมชน",
]
EN_SUBJECTS = [
    "urban flood management",
    "drought preparedness",
    "early warning systems",
    "urban green space",
    "climate change adaptation",
    "river basin management",
    "urban heat",
    "coastal erosion",
    "urban governance",
    "community participation",
    "municipal development plans",
    "solid waste and wastewater",
    "vulnerability assessment",
    "mangroves and ecosystems",
    "renewable energy",
    "urbanisation",
    "green infrastructure",
    "rainwater harvesting",
    "PM2.5 haze",
]
EN_VERBS = [
    "Lessons from",
    "A practical guide to",
    "Sharing experience on",
    "An action plan for",
    "Reviewing policy on",
    "Partnerships for",
    "Monitoring progress in",
    "A seminar on",
]
EN_PLACES = [
    "Chiang Rai",
    "Hat Yai",
    "Udon Thani",
    "Phuket",
    "Patong",
    "Thung Song",
    "Khon Kaen",
    "Nakhon Sawan",
    "the Khu Tao community",
    "the Kok river basin",
    "the U-Tapao basin",
]
TH_GIVEN = ["สมชาย", "สมหญิง", "วิไล", "ประเสริฐ", "กนกวรรณ", "ธีระ", "สุดา", "อนุชา", "พิมพ์ชนก", "ณัฐพล"]
TH_FAMILY = ["ใจดี", "ศรีสุข", "บุญมา", "วงศ์ไทย", "ทองคำ", "แก้วมณี", "สายสุวรรณ", "พรหมมา", "จันทร์เพ็ญ"]
EN_GIVEN = [
    "Somchai",
    "Somying",
    "Wilai",
    "Prasert",
    "Kanokwan",
    "Teera",
    "Suda",
    "Anucha",
    "Natthaphon",
]
EN_FAMILY = [
    "Jaidee",
    "Srisuk",
    "Boonma",
    "Wongthai",
    "Thongkham",
    "Kaewmanee",
    "Saisuwan",
    "Promma",
]


def th_title(rng: random.Random) -> str:
    return f"{rng.choice(TH_VERBS)}{rng.choice(TH_SUBJECTS)} {rng.choice(TH_PLACES)}"


def en_title(rng: random.Random) -> str:
    return f"{rng.choice(EN_VERBS)} {rng.choice(EN_SUBJECTS)} in {rng.choice(EN_PLACES)}"


def th_paragraph(rng: random.Random, sentences: int = 4) -> str:
    return " ".join(
        f"{rng.choice(TH_VERBS)}{rng.choice(TH_SUBJECTS)}ที่{rng.choice(TH_PLACES)}"
        f"{rng.choice(TH_TAILS)}"
        for _ in range(sentences)
    )


def en_paragraph(rng: random.Random, sentences: int = 4) -> str:
    return " ".join(
        f"{rng.choice(EN_VERBS)} {rng.choice(EN_SUBJECTS)} in {rng.choice(EN_PLACES)}, "
        f"with {rng.choice(EN_SUBJECTS)} in mind."
        for _ in range(sentences)
    )


def bulk(model, rows, batch=BATCH):
    """Insert ``rows`` in batches and return them with primary keys (PostgreSQL returns them)."""
    created = []
    for start in range(0, len(rows), batch):
        created += model.objects.bulk_create(rows[start : start + batch], batch_size=batch)
    return created


def model_or_none(label: str, name: str):
    """The model, or None while its app has no such model or its table is not migrated yet."""
    try:
        model = apps.get_model(label, name)
    except LookupError:
        return None
    if model._meta.db_table not in connection.introspection.table_names():
        return None
    return model


class Command(BaseCommand):
    help = "Seed a large network for `make bench` (bulk inserts; --scale for a smaller run)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1 = full benchmark size")
        parser.add_argument("--reset", action="store_true", help="remove earlier bench rows first")
        parser.add_argument("--seed", type=int, default=2557)

    def handle(self, *args, scale, reset, seed, **options):
        from members.models import Organisation

        rng = random.Random(seed)  # noqa: S311 - reproducible fake data, not secrets
        counts = {key: max(1, int(value * scale)) for key, value in FULL.items()}
        self.seed_fortunes()
        if Organisation.objects.filter(slug__startswith="bench-").exists():
            if not reset:
                self.stdout.write("Bench data already present (use --reset to seed again).")
                return
            self.remove()
        started = time.monotonic()
        with transaction.atomic():
            people = self.seed_members(rng, counts)
            self.log("members", started)
            events = self.seed_events(rng, counts, people)
            self.log("events", started)
            self.seed_knowledge(rng, counts, people, events)
            self.log("knowledge", started)
            self.seed_projects(rng, counts)
            self.log("projects", started)
        if "rebuild_search_index" in get_commands():
            # bulk_create sends no signals, so the site search learns of the rows here.
            call_command("rebuild_search_index", stdout=self.stdout)
            self.log("search index", started)
        # As autovacuum leaves a live database: statistics, and the visibility map that lets
        # counts read an index alone (a freshly loaded table is read whole instead).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(f"Seeded {counts} in {time.monotonic() - started:.0f} s")
        )

    def log(self, part, started):
        self.stdout.write(f"  {part} done at {time.monotonic() - started:.0f} s", ending="\n")
        self.stdout.flush()

    def seed_fortunes(self):
        from network.models import Fortune

        if Fortune.objects.exists():
            return
        messages = [
            "fortune: No such file or directory",
            "A computer scientist is someone who fixes things that aren't broken.",
            "After enough decimal places, nobody gives a damn.",
            "A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1",
            "A computer program does what you tell it to do, not what you want it to do.",
            "Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen",
            "Any program that runs right is obsolete.",
            "A list is only as strong as its weakest link. — Donald Knuth",
            "Feature: A bug with seniority.",
            "Computers make very fast, very accurate mistakes.",
            '<script>alert("This should not be shown.");</script>',
            "フレームワークのベンチマーク",
        ]
        Fortune.objects.bulk_create([Fortune(message=m) for m in messages])

    def remove(self):
        """Delete earlier bench rows: resources and events first, then accounts and organisations."""
        from members.models import Organisation, User

        self.stdout.write("Removing earlier bench rows…")
        for label, name, lookup in [
            ("members", "Project", {"slug__startswith": "bench-"}),
            ("knowledge", "Resource", {"slug__startswith": "bench-"}),
            ("knowledge", "Thread", {"author__email__endswith": "@bench.invalid"}),
            ("events", "Event", {"slug__startswith": "bench-"}),
        ]:
            model = model_or_none(label, name)
            if model is not None:
                model.objects.filter(**lookup).delete()
        User.objects.filter(email__endswith="@bench.invalid").delete()
        Organisation.objects.filter(slug__startswith="bench-").delete()

    # --- joint projects --------------------------------------------------------------------------

    def seed_projects(self, rng, counts):
        """Joint projects led by bench organisations, each with partners, a budget, milestones and
        progress reports (a project page shows them all)."""
        from members.models import (
            BudgetLine,
            Milestone,
            Organisation,
            ProgressReport,
            Project,
            ProjectPartner,
            Region,
            Topic,
        )

        organisations = list(
            Organisation.objects.filter(slug__startswith="bench-").values_list("pk", flat=True)
        )
        topics = list(Topic.objects.all())
        statuses = [s for s, _label in Project.Status.choices]
        regions = [r for r, _label in Region.choices]
        today = timezone.localdate()
        projects = []
        for n in range(counts["projects"]):
            subject_th, subject_en = rng.choice(TH_SUBJECTS), rng.choice(EN_SUBJECTS)
            projects.append(
                Project(
                    slug=f"bench-project-{n}",
                    title_th=f"โครงการ{subject_th} {n}",
                    title_en=f"Joint project on {subject_en.lower()} {n}",
                    summary_th=th_paragraph(rng),
                    summary_en=en_paragraph(rng),
                    lead_id=rng.choice(organisations),
                    status=rng.choice(statuses),
                    regions=[rng.choice(regions)],
                    visibility="members" if n % 5 == 0 else "public",
                    report_every_months=rng.choice([0, 3, 6]),
                    start=today - timedelta(days=rng.randint(0, 900)),
                )
            )
        projects = bulk(Project, projects)
        partners, budget, milestones, reports, topic_links = [], [], [], [], []
        for project in projects:
            others = [pk for pk in rng.sample(organisations, 4) if pk != project.lead_id][:3]
            partners += [ProjectPartner(project=project, organisation_id=pk) for pk in others]
            budget += [
                BudgetLine(
                    project=project, funder=f"Funder {k}", amount=rng.randint(1, 50) * 10_000
                )
                for k in range(3)
            ]
            milestones += [
                Milestone(
                    project=project,
                    title_th=f"หมุดหมาย {k}",
                    title_en=f"Milestone {k}",
                    due=project.start + timedelta(days=90 * (k + 1)),
                )
                for k in range(4)
            ]
            reports += [
                ProgressReport(project=project, text=en_paragraph(rng), spent=10_000 * k)
                for k in range(2)
            ]
            topic_links.append(
                Project.topics.through(project_id=project.pk, topic_id=rng.choice(topics).pk)
            )
        for model, rows in [
            (ProjectPartner, partners),
            (BudgetLine, budget),
            (Milestone, milestones),
            (ProgressReport, reports),
            (Project.topics.through, topic_links),
        ]:
            bulk(model, rows)

    # --- members ---------------------------------------------------------------------------------

    def seed_members(self, rng, counts):
        from allauth.account.models import EmailAddress

        from members.models import Membership, Organisation, Person, Province, Region, Topic, User

        provinces = list(Province.objects.all())
        topics = list(Topic.objects.all())
        kinds = [k for k, _label in Organisation.Kind.choices]
        weights = [5 if k == Organisation.Kind.MUNICIPALITY else 1 for k in kinds]
        regions = [r for r, _label in Region.choices]
        now = timezone.now()
        organisations = []
        for n in range(counts["organisations"]):
            province = rng.choice(provinces)
            kind = rng.choices(kinds, weights)[0]
            place_th, place_en = province.name_th, province.name_en
            organisations.append(
                Organisation(
                    kind=kind,
                    municipality_level="city" if kind == Organisation.Kind.MUNICIPALITY else "",
                    name_th=f"{'เทศบาลนคร' if kind == 'municipality' else 'หน่วยงาน'}{place_th} {n}",
                    name_en=f"{place_en} {'City Municipality' if kind == 'municipality' else 'Office'} {n}",
                    slug=f"bench-org-{n}",
                    description_th=th_paragraph(rng, 3),
                    description_en=en_paragraph(rng, 3),
                    region=province.region if province.region in regions else "",
                    province=province,
                    latitude=Decimal(f"{rng.uniform(6.0, 20.0):.6f}"),
                    longitude=Decimal(f"{rng.uniform(98.0, 105.0):.6f}"),
                    email=f"office{n}@bench.invalid",
                    phone="0-2000-0000",
                    status=Organisation.Status.ACTIVE,
                    joined_on=(now - timedelta(days=rng.randint(30, 5000))).date(),
                )
            )
        organisations = bulk(Organisation, organisations)
        through = Organisation.topics.through
        bulk(
            through,
            [
                through(organisation_id=org.pk, topic_id=topic.pk)
                for org in organisations
                for topic in rng.sample(topics, k=min(3, len(topics)))
            ],
        )

        password = make_password(PASSWORD)
        users = bulk(
            User,
            [
                User(
                    email=BENCH_USER if n == 0 else f"person{n}@bench.invalid",
                    password=password,
                    date_joined=now,
                )
                for n in range(counts["people"])
            ],
        )
        bulk(
            EmailAddress,
            [EmailAddress(user_id=u.pk, email=u.email, verified=True, primary=True) for u in users],
        )
        people = bulk(
            Person,
            [
                Person(
                    user_id=user.pk,
                    name_th=f"{rng.choice(TH_GIVEN)} {rng.choice(TH_FAMILY)}",
                    name_en=f"{rng.choice(EN_GIVEN)} {rng.choice(EN_FAMILY)}",
                    position=rng.choice(["Officer", "Engineer", "Director", "Researcher"]),
                    email=user.email,
                )
                for user in users
            ],
        )
        bulk(
            Membership,
            [
                Membership(
                    person_id=person.pk,
                    organisation_id=organisations[n % len(organisations)].pk,
                    role=Membership.Role.EDITOR if n % 20 == 1 else Membership.Role.MEMBER,
                )
                for n, person in enumerate(people)
            ],
        )
        self.organisations = organisations
        return people

    # --- events ----------------------------------------------------------------------------------

    def seed_events(self, rng, counts, people):
        Event = model_or_none("events", "Event")
        if Event is None:
            self.stdout.write("  events: no Event table yet; skipped")
            return []
        return _seed_events(self, rng, counts, people, Event)

    # --- knowledge -------------------------------------------------------------------------------

    def seed_knowledge(self, rng, counts, people, events):
        Resource = model_or_none("knowledge", "Resource")
        if Resource is None:
            self.stdout.write("  knowledge: no Resource table yet; skipped")
            return
        _seed_knowledge(self, rng, counts, people, events, Resource)


def _seed_events(command, rng, counts, people, Event):
    Registration = apps.get_model("events", "Registration")
    kinds = [k for k, _label in Event.Kind.choices]
    organisations = command.organisations
    now = timezone.now()
    rows = []
    for n in range(counts["events"]):
        host = organisations[n % len(organisations)]
        start = now + timedelta(days=rng.randint(-1100, 365), hours=rng.randint(0, 8))
        rows.append(
            Event(
                kind=rng.choice(kinds),
                title_th=th_title(rng),
                title_en=en_title(rng),
                slug=f"bench-event-{n}",
                description_th=th_paragraph(rng, 5),
                description_en=en_paragraph(rng, 5),
                start=start,
                end=start + timedelta(hours=rng.choice([3, 8, 32])),
                venue_name=f"ห้องประชุม{host.name_th}",
                region=host.region,
                visibility=Event.Visibility.PUBLIC if n % 5 else Event.Visibility.MEMBERS,
                capacity=rng.choice([None, 40, 60, 120]),
                status=Event.Status.PUBLISHED,
                host_city=host if host.kind == "municipality" else None,
            )
        )
    events = bulk(Event, rows)
    hosts = Event.hosts.through
    bulk(hosts, [hosts(event_id=e.pk, organisation_id=e.host_city_id or organisations[0].pk)
                 for e in events])  # fmt: skip
    per_event = max(1, counts["registrations"] // len(events))
    registrations = []
    statuses = [Registration.Status.CONFIRMED] * 8 + [
        Registration.Status.WAITING,
        Registration.Status.CANCELLED,
    ]
    for event in events:
        for person in rng.sample(people, k=min(per_event, len(people))):
            registrations.append(
                Registration(
                    event_id=event.pk,
                    person_id=person.pk,
                    status=rng.choice(statuses),
                    created=now - timedelta(minutes=rng.randint(0, 100_000)),
                )
            )
    bulk(Registration, registrations)
    return events


def _seed_knowledge(command, rng, counts, people, events, Resource):
    from members.models import Topic

    Thread = apps.get_model("knowledge", "Thread")
    Reply = apps.get_model("knowledge", "Reply")
    kinds = [k for k, _label in Resource.Kind.choices]
    languages = [lang for lang, _label in Resource.Language.choices]
    organisations = command.organisations
    topics = list(Topic.objects.all())
    today = timezone.localdate()
    users = [p.user_id for p in people]
    created = 0
    for start in range(0, counts["resources"], BATCH):
        rows = []
        for n in range(start, min(start + BATCH, counts["resources"])):
            rows.append(
                Resource(
                    kind=rng.choice(kinds),
                    title_th=th_title(rng),
                    title_en=en_title(rng),
                    slug=f"bench-resource-{n}",
                    summary_th=th_paragraph(rng, 2),
                    summary_en=en_paragraph(rng, 2),
                    body_th=th_paragraph(rng, 12),
                    body_en=en_paragraph(rng, 10),
                    language=rng.choice(languages),
                    regions=[organisations[n % len(organisations)].region or "central"],
                    event_id=events[n % len(events)].pk if events and n % 10 == 0 else None,
                    visibility="public" if n % 7 else "members",
                    status=Resource.Status.PUBLISHED,
                    published_on=today - timedelta(days=rng.randint(0, 4000)),
                    created_by_id=rng.choice(users),
                )
            )
        resources = Resource.objects.bulk_create(rows, batch_size=BATCH)
        topic_links = Resource.topics.through
        topic_links.objects.bulk_create(
            [
                topic_links(resource_id=r.pk, topic_id=t.pk)
                for r in resources
                for t in rng.sample(topics, k=min(2, len(topics)))
            ],
            batch_size=BATCH * 2,
        )
        org_links = Resource.organisations.through
        org_links.objects.bulk_create(
            [
                org_links(
                    resource_id=r.pk, organisation_id=organisations[r.pk % len(organisations)].pk
                )
                for r in resources
            ],
            batch_size=BATCH,
        )
        created += len(resources)

    threads_wanted = max(1, counts["posts"] // 5)
    threads = bulk(
        Thread,
        [
            Thread(
                kind=rng.choice([k for k, _label in Thread.Kind.choices]),
                title=th_title(rng) if n % 2 else en_title(rng),
                body=th_paragraph(rng, 4) if n % 2 else en_paragraph(rng, 4),
                author_id=rng.choice(users),
                visibility="public" if n % 3 else "members",
                reply_count=4,
            )
            for n in range(threads_wanted)
        ],
    )
    bulk(
        Reply,
        [
            Reply(
                thread_id=threads[n % len(threads)].pk,
                author_id=rng.choice(users),
                body=th_paragraph(rng, 2) if n % 2 else en_paragraph(rng, 2),
            )
            for n in range(counts["posts"] - threads_wanted)
        ],
    )
