"""The portal behind PgBouncer in transaction mode (the documented way past max_connections):
a PgBouncer of the test's own, on a free port, in front of the test database."""

import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest
from django.db import connection

from tests.knowledge.factories import ResourceFactory

from .conftest import free_port

PGBOUNCER = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
BASE_DIR = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    not Path(PGBOUNCER).exists(), reason="pgbouncer is not installed (apt-get install pgbouncer)"
)


@pytest.fixture
def pgbouncer(committed_db):
    # Its own folder, readable by the user pgbouncer switches to when started as root.
    tmp_path = Path(tempfile.mkdtemp(prefix="pgbouncer-"))
    tmp_path.chmod(0o755)
    params = connection.settings_dict
    port = free_port()
    (tmp_path / "users.txt").write_text(f'"{params["USER"]}" ""\n')
    (tmp_path / "pgbouncer.ini").write_text(
        textwrap.dedent(f"""\
        [databases]
        {params["NAME"]} = host={params["HOST"] or "127.0.0.1"} port={params["PORT"] or 5432} dbname={params["NAME"]}
        [pgbouncer]
        listen_addr = 127.0.0.1
        listen_port = {port}
        unix_socket_dir =
        auth_type = trust
        auth_file = {tmp_path / "users.txt"}
        pool_mode = transaction
        default_pool_size = 2
        max_client_conn = 50
        ignore_startup_parameters = extra_float_digits,options
        """)
    )
    command = [PGBOUNCER, str(tmp_path / "pgbouncer.ini")]
    if os.geteuid() == 0:  # pgbouncer refuses to run as root
        command[1:1] = ["-u", "nobody"]
        for path in tmp_path.iterdir():
            path.chmod(0o644)
    log = tmp_path / "pgbouncer.log"  # written by this process, so any user may run pgbouncer
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log.open("wb"))
    import socket

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"pgbouncer exited: {log.read_text()}")
            time.sleep(0.05)
    yield f"postgres://{params['USER']}@127.0.0.1:{port}/{params['NAME']}"
    process.terminate()
    process.wait(timeout=10)
    shutil.rmtree(tmp_path, ignore_errors=True)


SCRIPT = """
import django
django.setup()
from django.db import connection, transaction
from django.test import Client
from knowledge.models import Resource
from network.search.index import rebuild

assert connection.settings_dict["DISABLE_SERVER_SIDE_CURSORS"]
# iterator() reads in chunks: with server-side cursors each chunk could reach another server
# connection, where the cursor does not exist.
titles = [r.title_en for r in Resource.objects.order_by("pk").iterator(chunk_size=3)]
with transaction.atomic():
    locked = list(Resource.objects.select_for_update().order_by("pk")[:2])
print("rebuilt", rebuild())
client = Client()
print("status", client.get("/en/knowledge/").status_code)
print("titles", len(titles), len(locked))
"""


def test_the_portal_works_through_pgbouncer_in_transaction_mode(pgbouncer):
    for n in range(12):
        ResourceFactory(title_en=f"Pooled resource {n}")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "network.settings",
        "DATABASE_URL": pgbouncer,
        "DATABASE_CONN_MAX_AGE": "0",
        "DATABASE_DISABLE_SERVER_SIDE_CURSORS": "true",
        "PAGE_CACHE_SECONDS": "0",
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=BASE_DIR, env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert "status 200" in result.stdout
    assert "titles 12 2" in result.stdout
    assert "rebuilt 12" in result.stdout
