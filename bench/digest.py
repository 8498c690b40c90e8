"""The weekly digest for every seeded member, built and handed to a local SMTP sink, end to end.

``send_digests`` runs in one process (its queries counted per batch); two real Celery worker
processes (Redis broker) drain the outbox into an aiosmtpd sink. The clock runs from the start of
``send_digests`` until the last digest is recorded as sent.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

RUN = r"""
import json, resource, time
from django.db import connection
from django.test.utils import CaptureQueriesContext
from network import digests
from network.models import OutboxMessage
# One DELETE in the database: Model.delete() would load every earlier digest into this process
# and make its peak memory the cleanup's, not the build's.
with connection.cursor() as cursor:
    cursor.execute("DELETE FROM " + OutboxMessage._meta.db_table + " WHERE kind = 'digest'")
started = time.time()
cpu_started = time.process_time()
with CaptureQueriesContext(connection) as captured:
    outcome = digests.send_digests(frequency="weekly")
built = time.time() - started
built_cpu = time.process_time() - cpu_started
# Wait in this process (no new shells) until the workers have sent every digest.
deadline = time.time() + TIMEOUT
while time.time() < deadline:
    pending = OutboxMessage.objects.filter(kind="digest", state__in=["queued", "sending", "retrying"]).count()
    if not pending:
        break
    time.sleep(0.25)
print("DIGEST_JSON " + json.dumps({"started": started, "finished": time.time(), "sent": outcome.sent,
    "empty": outcome.empty, "already": outcome.already, "queries": len(captured),
    "batches": outcome.batches, "built_s": built, "built_cpu_s": built_cpu, "pending": pending,
    "builder_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    "delivered": OutboxMessage.objects.filter(kind="digest", state="sent").count()}))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _peak_rss_mb(pid: int) -> int:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024)
    return 0


def _tree(pid: int) -> list[int]:
    found = [pid]
    with contextlib.suppress(OSError):
        for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
            found += _tree(int(child))
    return found


def _cpu_seconds(pid: int) -> float:
    """User and system CPU seconds used so far by process ``pid`` (0 when it is gone)."""
    with contextlib.suppress(OSError, IndexError, ValueError):
        # Fields after the command name, which is in parentheses and may hold spaces.
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return 0.0


def _tree_cpu(pid: int) -> dict[int, float]:
    return {child: _cpu_seconds(child) for child in _tree(pid)}


def _used_since(before: dict[int, float], pid: int) -> float:
    """CPU seconds the tree of ``pid`` used since ``before`` (processes born since count whole)."""
    now = _tree_cpu(pid)
    return sum(seconds - before.get(child, 0.0) for child, seconds in now.items())


def _shell(env, code) -> str:
    return subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=BASE_DIR, env=env, check=True, text=True, capture_output=True,
    ).stdout  # fmt: skip


def measure(base_env: dict, timeout: float = 600) -> dict:
    load_before = os.getloadavg()[0]  # how busy the machine was: wall times depend on it
    port = free_port()
    env = {
        **base_env,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "EMAIL_USE_TLS": "false",
    }
    sink = subprocess.Popen(
        [PYTHON, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Sink"],
        cwd=BASE_DIR, env=env, start_new_session=True,
    )  # fmt: skip
    worker = subprocess.Popen(
        [PYTHON, "-m", "celery", "-A", "network", "worker", "--concurrency", "2",
         "--loglevel", "WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=BASE_DIR, env=env, start_new_session=True,
    )  # fmt: skip
    try:
        time.sleep(6)  # worker boot
        workers_before, sink_before = _tree_cpu(worker.pid), _tree_cpu(sink.pid)
        code = RUN.replace("TIMEOUT", str(int(timeout)))
        built = json.loads(_shell(env, code).split("DIGEST_JSON ", 1)[1])
        pending, sent, finished = built["pending"], built["delivered"], built["finished"]
        rss = [_peak_rss_mb(pid) for pid in _tree(worker.pid)]
        workers_cpu = _used_since(workers_before, worker.pid)
        sink_cpu = _used_since(sink_before, sink.pid)
    finally:
        for process in (worker, sink):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=30)
    seconds = finished - built["started"]
    members = built["sent"] + built["empty"] + built["already"]
    return {
        "measured": True,
        "members": members,
        "sent": sent,
        "pending": pending,
        "seconds": round(seconds, 1),
        "built_seconds": round(built["built_s"], 1),
        "per_second": round(sent / seconds, 1) if seconds else 0,
        "queries_per_batch": round(built["queries"] / max(built["batches"], 1), 1),
        "batches": built["batches"],
        "worker_peak_mb": max(rss, default=0),
        "builder_peak_mb": built["builder_peak_mb"],
        # CPU seconds, which a busy machine inflates far less than wall time.
        "builder_cpu_s": round(built["built_cpu_s"], 1),
        "workers_cpu_s": round(workers_cpu, 1),
        "sink_cpu_s": round(sink_cpu, 1),
        "load_before": round(load_before, 2),
        "ok": pending == 0 and seconds < 60 and max(rss, default=0) < 200,
    }


def note(row: dict) -> str:
    if not row.get("measured"):
        return row.get("note", "Not measured.")
    verdict = "ok" if row["ok"] else "MISSED"
    return "\n".join(
        [
            "| members | sent | seconds | e-mails/s | queries per batch | worker peak MB | target |",
            "|---:|---:|---:|---:|---:|---:|---|",
            f"| {row['members']:,} | {row['sent']:,} | {row['seconds']} | {row['per_second']} | "
            f"{row['queries_per_batch']} ({row['batches']} batches) | {row['worker_peak_mb']} | "
            f"{verdict} (< 60 s, < 200 MB) |",
            "",
            f"Digests built and recorded in {row['built_seconds']} s by `send_digests`; two Celery "
            "worker processes sent them to an aiosmtpd sink over the Redis broker.",
        ]
        + (
            [
                "",
                f"CPU seconds: builder {row['builder_cpu_s']}, workers {row['workers_cpu_s']}, "
                f"SMTP sink {row['sink_cpu_s']} (load average {row['load_before']} before the "
                "run; wall time grows with the machine's load, CPU seconds much less). Builder "
                f"peak memory {row['builder_peak_mb']} MB.",
            ]
            if "builder_cpu_s" in row
            else []
        )
    )
