"""``make bench``: serve the portal with gunicorn (production settings) and load-test its pages.

Steps: migrate, seed the benchmark network (``manage.py seed_bench``), collect static files, start
gunicorn with several workers and the baseline views (``BENCH_VIEWS=1``), then measure each page
with ``wrk`` (16 connections, fixed duration) and report throughput, p50/p95/p99 latency, each
page's throughput as a ratio to the one-query "fortunes" page, and the peak resident memory of
the web workers. Results go to ``bench/results/<timestamp>.json`` and ``bench/results/latest.md``.

Needs DATABASE_URL and REDIS_URL (``make bench`` provides them). Options: ``--help``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
import digest as digest_bench  # noqa: E402 - bench/ is run as a script, not a package

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS = BASE_DIR / "bench" / "results"
PYTHON = sys.executable
THAI_QUERY = "น้ำท่วม"
MISSPELT_QUERY = "การเปลียนแปลง"  # การเปลี่ยนแปลง without its tone mark

# Targets from the product brief and issue 14 (docs/performance.md): minimum throughput as a
# ratio to fortunes, and maximum p95 in milliseconds.
TARGETS = {
    "anonymous": (0.30, 100),
    "search": (0.10, 150),
    "long-tail": (0.25, 150),
    "distinct-search": (0.15, 200),
    "signed-in": (0.40, None),
    "under-writes": (0.60, None),
}
# How many different pages a long-tail row picks from (at random, one per request).
LONG_TAIL = 3000

PROBE = r"""
import json
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from members.models import Organisation, User
from network.management.commands.seed_bench import model_or_none

LONG_TAIL = %(long_tail)d

found = {"organisation": Organisation.objects.filter(slug__startswith="bench-").values_list(
    "slug", flat=True).first()}
Event = model_or_none("events", "Event")
if Event is not None:
    found["event"] = Event.objects.filter(slug__startswith="bench-", visibility="public").order_by(
        "-start").values_list("slug", flat=True).first()
Resource = model_or_none("knowledge", "Resource")
if Resource is not None:
    found["resource"] = Resource.objects.filter(slug__startswith="bench-", visibility="public"
        ).order_by("pk").values_list("slug", flat=True).first()
Project = model_or_none("members", "Project")
if Project is not None:
    found["project"] = Project.objects.filter(slug__startswith="bench-", visibility="public"
        ).order_by("pk").values_list("slug", flat=True).first()
# The long tail: many different public pages, each asked for at random (bench/wrk_report.lua).
found["organisations"] = [f"/members/{slug}/" for slug in Organisation.objects.filter(
    slug__startswith="bench-").order_by("?").values_list("slug", flat=True)[:LONG_TAIL]]
if Event is not None:
    found["events"] = [f"/events/{slug}/" for slug in Event.objects.filter(
        slug__startswith="bench-", visibility="public", status="published").order_by("?")
        .values_list("slug", flat=True)[:LONG_TAIL]]
if Resource is not None:
    found["resources"] = [f"/knowledge/{slug}/" for slug in Resource.objects.filter(
        slug__startswith="bench-", visibility="public", status="published").order_by("?")
        .values_list("slug", flat=True)[:LONG_TAIL]]
from urllib.parse import quote
from network.search.models import SearchWord
words = list(SearchWord.objects.filter(public_entries__gt=0, word__regex=r"^[a-zก-๎]{4,}$")
             .order_by("?").values_list("word", flat=True)[:300])
found["searches"] = [f"/search/?q={quote(word)}" for word in words]
user = User.objects.get(email="member@bench.invalid")
store = import_module(settings.SESSION_ENGINE).SessionStore()
store[SESSION_KEY] = str(user.pk)
store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
store[HASH_SESSION_KEY] = user.get_session_auth_hash()
store.save()
found["session"] = store.session_key
found["session_cookie"] = settings.SESSION_COOKIE_NAME
counts = []
for label, name, noun in [("members", "Organisation", "organisations"), ("members", "Person",
        "people"), ("events", "Event", "events"), ("events", "Registration", "registrations"),
        ("knowledge", "Resource", "resources"), ("knowledge", "Thread", "discussions"),
        ("knowledge", "Reply", "replies"), ("members", "Project", "joint projects")]:
    model = model_or_none(label, name)
    if model is not None:
        counts.append(f"{model.objects.count():,} {noun}")
found["data"] = ", ".join(counts)
print("PROBE_JSON " + json.dumps(found))
"""


# Each page once more inside one process, without load: queries issued and server time. This
# separates "the page does too much" from "the machine is busy" when reading the table.
# Network health and recognition: the beat jobs timed at bench size, and the coordinators'
# dashboard rendered from what they stored (queries and time, uncached).
HEALTH = r"""
import json, resource, statistics, time
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from members.models import User
from network.health.compute import compute_and_store
from network.recognition.points import rebuild

def cpu():  # this process's CPU seconds: steadier than the clock on a shared machine
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime

started, cpu_started = time.monotonic(), cpu()
snapshot = compute_and_store()
health_s, health_cpu = time.monotonic() - started, cpu() - cpu_started
compute_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started, cpu_started = time.monotonic(), cpu()
ranked = rebuild()
recognition_s, recognition_cpu = time.monotonic() - started, cpu() - cpu_started
coordinator, _ = User.objects.get_or_create(email="coordinator@bench.invalid",
                                           defaults={"is_coordinator": True, "is_staff": True})
from network.lib import pagecache
client = Client(SERVER_NAME="127.0.0.1")
client.force_login(coordinator)
timings = []
for _ in range(5):
    with CaptureQueriesContext(connection) as queries:
        t = time.monotonic()
        status = client.get("/network/health/").status_code
        timings.append((time.monotonic() - t) * 1000)
roll = Client(SERVER_NAME="127.0.0.1")
roll_timings = []
for n in range(5):
    pagecache.content_changed()  # uncached: what the first visitor after a change waits
    with CaptureQueriesContext(connection) as roll_queries:
        t = time.monotonic()
        roll_status = roll.get("/recognition/").status_code
        roll_timings.append((time.monotonic() - t) * 1000)
print("HEALTH_JSON " + json.dumps({
    "compute_s": round(health_s, 1), "summary": snapshot.summary,
    "compute_cpu_s": round(health_cpu, 1), "recognition_cpu_s": round(recognition_cpu, 1),
    "recognition_s": round(recognition_s, 1), "recognition": ranked,
    "compute_peak_rss_mb": round(compute_peak / 1024),
    "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    "dashboard_status": status, "dashboard_queries": len(queries),
    "dashboard_ms": round(statistics.median(timings), 1),
    "roll_status": roll_status, "roll_queries": len(roll_queries),
    "roll_ms": round(statistics.median(roll_timings), 1),
}))
"""

PROFILE = r"""
import json, statistics, sys, time
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from members.models import User

pages = json.loads(sys.stdin.read())
anonymous, signed_in = Client(SERVER_NAME="127.0.0.1"), Client(SERVER_NAME="127.0.0.1")
signed_in.force_login(User.objects.get(email="member@bench.invalid"))
found = {}
from network.lib import pagecache


def timed(client, path, cold=False):
    client.get(path)
    times = []
    for _ in range(5):
        if cold:  # a write elsewhere: every cached page and fragment is stale
            pagecache.content_changed()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - started) * 1000)
    return len(queries), statistics.median(times)


for page in pages:
    client = signed_in if page["kind"] == "signed-in" else anonymous
    _, server_ms = timed(client, page["path"])
    queries, cold_ms = timed(client, page["path"], cold=True)  # what a cache miss costs
    found[page["name"]] = {"queries": queries, "server_ms": server_ms, "cold_ms": cold_ms}
print("PROFILE_JSON " + json.dumps(found))
"""


# Distinct searches, no cache: hundreds of different words of the index, spelled right, then the
# same words misspelt (network.search.evaluation), each searched once as the results page does.
SEARCHES = r"""
import json, random, statistics, time
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict
from network.search.evaluation import MISSPELT, misspell
from network.search.models import SearchWord
from network.search.query import results_page
from network.search.spelling import correct

rng = random.Random(16)
words = list(SearchWord.objects.filter(public_entries__gt=0, word__regex=r"^[a-zก-๎]{4,}$")
             .order_by("word").values_list("word", flat=True))
rng.shuffle(words)
right = words[:300]
known = set(words)
misspelt = []
for word in right:
    for kind in rng.sample(MISSPELT, len(MISSPELT)):
        typed = misspell(kind, word, rng)
        if typed and typed != word and typed not in known:
            misspelt.append(typed)
            break
user = AnonymousUser()


def timed(queries, func):
    times = []
    for text in queries:
        started = time.perf_counter()
        out = func(text)
        times.append((time.perf_counter() - started) * 1000)
    cuts = statistics.quantiles(times, n=20) if len(times) > 1 else times * 19
    return {"queries": len(queries), "median_ms": statistics.median(times), "p95_ms": cuts[18]}


def page(text):
    found = results_page(user, text, "", QueryDict(), "th")
    [r["snippet"] for r in found["results"]]
    return found


for text in right[:20] + misspelt[:20]:  # warm the segmenter and the database caches
    page(text)
out = {
    "right": timed(right, page),
    "misspelt": timed(misspelt, page),
    "correction": timed(misspelt, lambda text: correct(user, text)),
    "corrected": sum(1 for text in misspelt if page(text)["corrected"]),
    "right_corrected": sum(1 for text in right if page(text)["corrected"]),
    "vocabulary": SearchWord.objects.count(),
}
print("SEARCHES_JSON " + json.dumps(out))
"""

# The background writer of the "under writes" rows: one write a second through the services, in
# turn a registration, a comment on a resource and a resource edit, until it is stopped.
WRITER = r"""
import itertools, json, random, signal, sys, time
from django.utils import timezone
from events import services as event_services
from events.models import Event
from knowledge import services as knowledge_services
from knowledge.forms import ResourceForm
from knowledge.models import Resource
from members.models import Person, User

coordinator, _ = User.objects.get_or_create(email="coordinator@bench.invalid",
                                           defaults={"is_coordinator": True, "is_staff": True})
rng = random.Random(14)
resources = list(Resource.objects.filter(slug__startswith="bench-", status="published",
                                         visibility="public").values_list("pk", flat=True)[:2000])
events = list(Event.objects.filter(slug__startswith="bench-", status="published",
                                   start__gt=timezone.now()).values_list("pk", flat=True))
people = Person.objects.filter(email__endswith="@bench.invalid").order_by("?").iterator()
done = {"registration": 0, "comment": 0, "resource edit": 0, "refused": 0}


def register():
    for person in people:
        try:
            event_services.register(event=Event.objects.get(pk=rng.choice(events)), person=person)
            return
        except event_services.EventError:
            done["refused"] += 1


def comment():
    resource = Resource.objects.get(pk=rng.choice(resources))
    knowledge_services.comment(user=coordinator, resource=resource,
                               body=f"A comment from the bench writer at {time.time():.0f}.")


def edit():
    resource = Resource.objects.get(pk=rng.choice(resources))
    blank = ResourceForm(instance=resource, user=coordinator)
    data = {}
    for name, field in blank.fields.items():
        value = blank[name].value()
        if isinstance(value, (list, tuple)):
            data[name] = [getattr(v, "pk", getattr(v, "name", v)) for v in value]
        elif value is not None:
            data[name] = blank[name].widget.format_value(value) if name == "tags" else value
    data["summary_en"] = f"{resource.summary_en.split(' [edited')[0]} [edited {time.time():.0f}]"
    form = ResourceForm(data, instance=resource, user=coordinator)
    if not form.is_valid():
        sys.exit(f"the bench writer's resource form is invalid: {form.errors.as_json()}")
    knowledge_services.save_resource(user=coordinator, form=form, submit=False)


def stop(*_):
    raise SystemExit


signal.signal(signal.SIGTERM, stop)
writes = {"registration": register, "comment": comment, "resource edit": edit}
print("WRITER_READY", flush=True)
try:
    for name in itertools.cycle(writes):
        started = time.monotonic()
        writes[name]()
        done[name] += 1
        time.sleep(max(0.0, 1.0 - (time.monotonic() - started)))
finally:
    print("WRITER_JSON " + json.dumps(done), flush=True)
"""


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per page (default 10)")
    parser.add_argument("--connections", type=int, default=16, help="concurrent connections")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8019")))
    parser.add_argument("--scale", type=float, default=1.0, help="seed_bench scale (1 = full)")
    parser.add_argument("--skip-seed", action="store_true", help="use the data already there")
    parser.add_argument("--only", default="", help="comma-separated page names to measure")
    parser.add_argument(
        "--python-load", action="store_true", help="use the built-in load generator"
    )
    parser.add_argument(
        "--digest-only",
        action="store_true",
        help="measure only the weekly digest (no pages, searches, health)",
    )
    parser.add_argument("--no-digest", action="store_true", help="do not measure the digest")
    parser.add_argument(
        "--health-only",
        action="store_true",
        help="measure only network health and recognition (no pages, no digest)",
    )
    return parser.parse_args(argv)


def server_env(port: int) -> dict:
    env = dict(os.environ)
    for name in ("DATABASE_URL", "REDIS_URL"):
        if not env.get(name):
            sys.exit(f"{name} is not set: run `make bench`, which provides the services.")
    env.update(
        DJANGO_ENV="production",
        DEBUG="0",
        SECRET_KEY=env.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL=f"http://127.0.0.1:{port}",
        SECURE_SSL_REDIRECT="0",
        BENCH_VIEWS="1",
        LOG_LEVEL="WARNING",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    return env


def manage(env, *args, capture=False) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return result.stdout or ""


def ensure_wrk() -> str | None:
    found = shutil.which("wrk")
    if found:
        return found
    if shutil.which("apt-get") and os.geteuid() == 0:
        print("wrk is missing: installing the Debian package…", flush=True)
        apt_env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        install = ["apt-get", "install", "-y", "-qq", "wrk"]
        if subprocess.run(install, check=False, env=apt_env).returncode != 0:
            subprocess.run(["apt-get", "update", "-qq"], check=False, env=apt_env)
            subprocess.run(install, check=False, env=apt_env)
    return shutil.which("wrk")


def pages(found: dict, lists: dict) -> list[dict]:
    """What is measured, in order. ``kind`` picks the target the page is held to; ``paths`` (a
    file of addresses) makes wrk ask for one of them at random each request; ``writes`` runs the
    background writer during the row."""
    resource = f"/knowledge/{found['resource']}/" if found.get("resource") else None
    event = f"/events/{found['event']}/" if found.get("event") else None
    project = f"/projects/{found['project']}/" if found.get("project") else None
    listing = [
        ("hello", "/bench/hello", "baseline"),
        ("fortunes", "/bench/fortunes", "baseline"),
        ("home", "/", "anonymous"),
        ("directory", "/members/", "anonymous"),
        ("organisation", f"/members/{found['organisation']}/", "anonymous"),
        ("library", "/knowledge/", "anonymous"),
        ("resource", resource, "anonymous"),
        ("events", "/events/", "anonymous"),
        ("projects list", "/projects/", "anonymous"),
        ("a project page", project, "anonymous"),
        ("event", event, "anonymous"),
        ("search (Thai)", f"/search/?q={quote(THAI_QUERY)}", "search"),
        ("search (misspelt Thai)", f"/search/?q={quote(MISSPELT_QUERY)}", "search"),
        ("random resources", "resources", "long-tail"),
        ("random organisations", "organisations", "long-tail"),
        ("random events", "events", "long-tail"),
        ("random searches", "searches", "distinct-search"),
        ("home (signed in)", "/", "signed-in"),
        ("directory (signed in)", "/members/", "signed-in"),
        ("library (signed in)", "/knowledge/", "signed-in"),
        ("resource (signed in)", resource, "signed-in"),
        ("event (signed in)", event, "signed-in"),
        ("home (under writes)", "/", "under-writes"),
        ("directory (under writes)", "/members/", "under-writes"),
        ("library (under writes)", "/knowledge/", "under-writes"),
    ]
    cookie = f"{found['session_cookie']}={found['session']}"
    out = []
    for name, path, kind in listing:
        row = {"name": name, "path": path, "kind": kind, "paths": None,
               "cookie": cookie if kind == "signed-in" else ""}  # fmt: skip
        if kind in ("long-tail", "distinct-search"):
            if not lists.get(path):
                continue
            row["paths"] = str(lists[path]["file"])
            row["path"] = f"{lists[path]['count']:,} {path} at random"
            row["probe"] = lists[path]["first"]
        elif path is None:
            continue
        out.append(row)
    return out


def write_lists(found: dict, folder: Path) -> dict:
    """The long-tail address lists, one file each for wrk (``bench/wrk_report.lua``)."""
    lists = {}
    for name in ("resources", "organisations", "events", "searches"):
        paths = found.pop(name, None) or []
        if paths:
            file = folder / f"{name}.txt"
            file.write_text("\n".join(paths) + "\n")
            lists[name] = {"file": file, "count": len(paths), "first": paths[0]}
    return lists


def fetch(url: str, cookie: str = "", timeout: float = 30) -> tuple[int, bytes]:
    headers = {"Cookie": cookie} if cookie else {}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - our own local server
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - local URL
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def start_writer(env) -> subprocess.Popen:
    """The background writer (``WRITER``), started once it is ready to write."""
    writer = subprocess.Popen([PYTHON, "manage.py", "shell", "-c", WRITER], cwd=BASE_DIR, env=env,
                              stdout=subprocess.PIPE, text=True)  # fmt: skip
    said = []
    for line in writer.stdout:  # the shell may print a line of its own first
        said.append(line)
        if "WRITER_READY" in line:
            return writer
    writer.kill()
    sys.exit(f"the bench writer did not start: {''.join(said)}")


def stop_writer(writer) -> dict | None:
    """Stop the writer; what it wrote, by kind."""
    if writer is None:
        return None
    if writer.poll() is not None:
        sys.exit(f"the bench writer stopped during the run: {writer.stdout.read()}")
    writer.terminate()
    output = writer.communicate(timeout=30)[0]
    match = re.search(r"WRITER_JSON (\{.*\})", output)
    return json.loads(match.group(1)) if match else None


def wait_until_up(base: str, process, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit("gunicorn exited during start-up")
        with contextlib.suppress(OSError):
            if fetch(base + "/healthz", timeout=2)[0] == 200:
                return
        time.sleep(0.3)
    sys.exit("gunicorn did not answer /healthz in time")


def run_wrk(wrk: str, url: str, cookie: str, args, paths: str | None = None) -> dict:
    command = [wrk, f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s",
               "--timeout", "10s", "-s", str(BASE_DIR / "bench" / "wrk_report.lua")]  # fmt: skip
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command.append(url)
    if paths:
        command += ["--", paths]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    match = re.search(r"WRK_JSON (\{.*\})", output)
    if not match:
        raise RuntimeError(f"wrk printed no summary:\n{output}")
    raw = json.loads(match.group(1))
    seconds = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "rps": raw["requests"] / seconds,
        "p50_ms": raw["p50"] / 1000,
        "p95_ms": raw["p95"] / 1000,
        "p99_ms": raw["p99"] / 1000,
        "errors": raw["non_2xx"] + raw["socket_errors"],
        "generator": "wrk",
    }


def run_python_load(url: str, cookie: str, args, paths: str | None = None) -> dict:
    """A small closed-loop load generator for machines without wrk (it is slower than wrk)."""
    import random

    choices = Path(paths).read_text().split() if paths else None
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + args.duration

    def worker():
        import http.client
        from urllib.parse import urlsplit

        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        rng = random.Random()
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        headers = {"Cookie": cookie} if cookie else {}
        mine, failed = [], 0
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                connection.request("GET", rng.choice(choices) if choices else path, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status >= 400:
                    failed += 1
            except OSError:
                failed += 1
                connection.close()
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=worker) for _ in range(args.connections)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50_ms": cuts[49] * 1000,
        "p95_ms": cuts[94] * 1000,
        "p99_ms": cuts[98] * 1000,
        "errors": errors[0],
        "generator": "python",
    }


def process_tree(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    found = [pid]
    with contextlib.suppress(OSError):
        for child in children.read_text().split():
            found += process_tree(int(child))
    return found


def peak_rss_mb(pid: int) -> int | None:
    """VmHWM: the highest resident set size the process has had, in MB."""
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024)
    return None


def verdict(row: dict, fortunes_rps: float) -> str:
    target = TARGETS.get(row["kind"])
    if target is None:
        return ""
    ratio, p95 = target
    ok = row["rps"] / fortunes_rps >= ratio and (p95 is None or row["p95_ms"] < p95)
    wanted = f"≥{ratio:.2f}×" + (f", p95<{p95} ms" if p95 else "")
    return ("ok" if ok else "MISSED") + f" ({wanted})"


def markdown(report: dict) -> str:
    meta = report["meta"]
    lines = [
        f"# Benchmark {meta['started']}",
        "",
        f"gunicorn {meta['workers']} sync workers, production settings; {meta['generator']} with "
        f"{meta['connections']} connections for {meta['duration']} s per page; seed scale "
        f"{meta['scale']} ({meta['data']}); {meta['cpus']} CPUs.",
        "",
        "| page | req/s | × fortunes | p50 ms | p95 ms | p99 ms | errors | queries | alone ms | uncached ms | target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in report["pages"]:
        lines.append(
            f"| {row['name']} | {row['rps']:.0f} | {row['ratio']:.2f} | {row['p50_ms']:.1f} | "
            f"{row['p95_ms']:.1f} | {row['p99_ms']:.1f} | {row['errors']} | "
            f"{row.get('queries', '')} | {row.get('server_ms', 0):.1f} | {row.get('cold_ms', 0):.1f} | "
            f"{row['verdict']} |"
        )
    for page in report["skipped"]:
        lines.append(
            f"| {page['name']} | not measured: `{page['path']}` answered {page['status']} | | | | | | | | | |"
        )
    memory = report["memory"]
    writes = report.get("writes")
    if writes:
        lines += [
            "",
            "*under writes*: the page while a background writer did one write a second through "
            f"the services: {writes['registration']} registrations, {writes['comment']} comments, "
            f"{writes['resource edit']} resource edits. *random …*: wrk asked for one page of the "
            "list at random on every request (bench/wrk_report.lua).",
        ]
    lines += [
        "",
        "*alone ms*: the page requested by itself in one process (median of 5), without load, "
        "caches on as in the run; *queries* and *uncached ms*: the same right after a write, so "
        "every request misses the page and fragment caches and renders from the database.",
        "",
        f"Peak resident memory of the web workers: {memory['workers_peak_mb']} MB "
        f"(each: {', '.join(str(m) for m in memory['workers_mb'])} MB; master {memory['master_mb']} MB).",
        "",
        "## Distinct searches (no cache)",
        "",
        search_lines(report["searches"]) if report.get("searches") else "Not measured.",
        "",
        "## Weekly digest",
        "",
        digest_bench.note(report["digest"]),
        "",
    ]
    health = report.get("health")
    if health:
        lines += [
            "## Network health and recognition",
            "",
            f"`compute_network_health`: {health['compute_s']} s, {health['compute_cpu_s']} s CPU "
            f"({health['summary']}). `rebuild_recognition`: {health['recognition_s']} s, "
            f"{health['recognition_cpu_s']} s CPU "
            f"({health['recognition']['contributions']:,} ledger lines). Peak memory of the "
            f"process doing both: {health['peak_rss_mb']} MB (after the computation: "
            f"{health['compute_peak_rss_mb']} MB; bar 200 MB).",
            "",
            f"Coordinators' dashboard rendered from the stored figures: {health['dashboard_queries']} "
            f"queries, {health['dashboard_ms']} ms (median of 5, no page cache). Honour roll: "
            f"{health['roll_queries']} queries, {health['roll_ms']} ms uncached.",
            "",
        ]
    return "\n".join(lines)


def search_lines(searches: dict) -> str:
    """The distinct-search figures: each query once, in one process, results page built."""
    lines = [
        f"{searches['right']['queries']} different words of the index ({searches['vocabulary']:,} "
        "words), each searched once as the results page does it (ranking, snippets), then the same "
        "words misspelt; *correction* is finding the intended words alone.",
        "",
        "| searches | queries | median ms | p95 ms |",
        "|---|---:|---:|---:|",
    ]
    for key, label in (("right", "spelled right"), ("misspelt", "misspelt (corrected)"),
                       ("correction", "correction alone")):  # fmt: skip
        row = searches[key]
        lines.append(
            f"| {label} | {row['queries']} | {row['median_ms']:.1f} | {row['p95_ms']:.1f} |"
        )
    lines += [
        "",
        f"Corrected: {searches['corrected']} of {searches['misspelt']['queries']} misspelt "
        f"queries; {searches['right_corrected']} of {searches['right']['queries']} spelled right.",
    ]
    return "\n".join(lines)


def measure_health(env) -> dict:
    """compute_network_health then rebuild_recognition in one fresh process, as a worker runs them."""
    print("== network health and recognition at this size", flush=True)
    health_out = manage(env, "shell", "-c", HEALTH, capture=True)
    health = json.loads(health_out.split("HEALTH_JSON ", 1)[1])
    print(
        f"   compute {health['compute_s']} s ({health['compute_cpu_s']} s CPU), recognition "
        f"{health['recognition_s']} s ({health['recognition_cpu_s']} s CPU), "
        f"peak {health['peak_rss_mb']} MB (after compute {health['compute_peak_rss_mb']} MB)",
        flush=True,
    )
    return health


def health_only(env, started, scale) -> int:
    """``--health-only``: the health section alone, written to bench/results/<stamp>-health.json."""
    health = measure_health(env)
    report = {"meta": {"started": started.isoformat(), "scale": scale, "cpus": os.cpu_count(),
                       "load": os.getloadavg()}, "health": health}  # fmt: skip
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS / f"{stamp}-health.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"Written {path.relative_to(BASE_DIR)}")
    return 0


def main(argv=None) -> int:
    args = parse_args(argv)
    env = server_env(args.port)
    base = f"http://127.0.0.1:{args.port}"
    started = dt.datetime.now(dt.UTC).replace(microsecond=0)

    print("== migrate, seed, collect static", flush=True)
    manage(env, "migrate", "--noinput", "-v0")
    if not args.skip_seed:
        manage(env, "seed_bench", "--scale", str(args.scale))
    manage(env, "collectstatic", "--noinput", "-v0")
    if args.health_only:
        return health_only(env, started, "existing data" if args.skip_seed else args.scale)
    probe = manage(env, "shell", "-c", PROBE % {"long_tail": LONG_TAIL}, capture=True)
    found = json.loads(probe.split("PROBE_JSON ", 1)[1])
    data = found.pop("data")

    wrk = None if args.python_load else ensure_wrk()
    if wrk is None:
        print("Using the built-in Python load generator (wrk is not available).", flush=True)
    measure = (lambda url, cookie, paths: run_wrk(wrk, url, cookie, args, paths)) if wrk else (
        lambda url, cookie, paths: run_python_load(url, cookie, args, paths))  # fmt: skip
    lists_folder = Path(tempfile.mkdtemp(prefix="bench-paths-"))
    lists = write_lists(found, lists_folder)

    command = [PYTHON, "-m", "gunicorn", "network.wsgi:application", "--bind",
               f"127.0.0.1:{args.port}", "--workers", str(args.workers), "--worker-class", "sync",
               "--keep-alive", "5", "--log-level", "warning"]  # fmt: skip
    print(f"== gunicorn on {base} with {args.workers} workers", flush=True)
    server = subprocess.Popen(command, cwd=BASE_DIR, env=env, start_new_session=True)
    rows, skipped, writer = [], [], None
    try:
        wait_until_up(base, server)
        selected = [
            p for p in pages(found, lists) if not args.only or p["name"] in args.only.split(",")
        ]
        if args.digest_only:
            selected = []
        for page in selected:
            url = base + page.get("probe", page["path"])
            status, body = fetch(url, page["cookie"])
            if status != 200:
                print(f"   {page['name']}: {page['path']} answers {status}; skipped", flush=True)
                skipped.append({"name": page["name"], "path": page["path"], "status": status})
                continue
            # Warm caches and connections in every worker; a long-tail row warms only one of its
            # pages, or it would measure the cache rather than the pages.
            for _ in range(3 if page["paths"] else 20):
                fetch(url, page["cookie"])
            if page["kind"] == "under-writes" and writer is None:
                writer = start_writer(env)
            result = measure(url, page["cookie"], page["paths"])
            rows.append({**page, **result, "bytes": len(body)})
            print(f"   {page['name']:<26} {result['rps']:8.0f} req/s  p95 {result['p95_ms']:6.1f} ms",
                  flush=True)  # fmt: skip
        writes = stop_writer(writer)
        pids = process_tree(server.pid)
        workers_mb = [peak_rss_mb(pid) or 0 for pid in pids[1:]]
        memory = {
            "master_mb": peak_rss_mb(server.pid),
            "workers_mb": workers_mb,
            "workers_peak_mb": max(workers_mb, default=0),
        }
    finally:
        if writer is not None and writer.poll() is None:
            writer.kill()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(lists_folder, ignore_errors=True)

    if args.no_digest:
        digest = {"measured": False, "note": "Not measured (--no-digest)."}
    else:
        print("== weekly digest to an SMTP sink", flush=True)
        digest = digest_bench.measure(env)
        print(f"   {digest}", flush=True)

    health, searches, profiled = None, None, {}
    if not args.digest_only:
        health = measure_health(env)

        measured = [
            {"name": r["name"], "path": r.get("probe", r["path"]), "kind": r["kind"]} for r in rows
        ]
        profile = subprocess.run(
            [PYTHON, "manage.py", "shell", "-c", PROFILE],
            cwd=BASE_DIR,
            env=env,
            input=json.dumps(measured),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        profiled = json.loads(profile.split("PROFILE_JSON ", 1)[1])
        searched = manage(env, "shell", "-c", SEARCHES, capture=True)
        searches = json.loads(searched.split("SEARCHES_JSON ", 1)[1])
    for row in rows:
        row.update(profiled.get(row["name"], {}))
    by_name = {row["name"]: row for row in rows}
    fortunes_rps = by_name["fortunes"]["rps"] if "fortunes" in by_name else None
    for row in rows:
        row.pop("cookie", None)
        row["ratio"] = row["rps"] / fortunes_rps if fortunes_rps else 0.0
        row["verdict"] = verdict(row, fortunes_rps) if fortunes_rps else ""
    report = {
        "meta": {
            "started": started.isoformat(),
            "duration": args.duration,
            "connections": args.connections,
            "workers": args.workers,
            "scale": "existing data" if args.skip_seed else args.scale,
            "data": data,
            "generator": "wrk" if wrk else "Python load generator",
            "cpus": os.cpu_count(),
        },
        "pages": rows,
        "skipped": skipped,
        "memory": memory,
        "writes": writes,
        "searches": searches,
        "health": health,
        "digest": digest,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    (RESULTS / f"{stamp}.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    text = markdown(report)
    (RESULTS / "latest.md").write_text(text)
    print("\n" + text)
    print(f"Written bench/results/{stamp}.json and bench/results/latest.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
