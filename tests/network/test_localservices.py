"""`make run` / `make test` leave nothing running when they are stopped."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_stopping_the_launcher_stops_what_it_started(tmp_path, signum):
    marker = tmp_path / "child.pid"
    child = f"import os, time; open({str(marker)!r}, 'w').write(str(os.getpid())); time.sleep(60)"
    # DATABASE_URL and REDIS_URL are set (by CI or by `make test`), so no server is started here.
    launcher = subprocess.Popen(
        [sys.executable, "-m", "network.localservices", "exec", "--", sys.executable, "-c", child],
        cwd=BASE_DIR,
        env={**os.environ, "DATABASE_URL": os.environ.get("DATABASE_URL", "postgres://x@127.0.0.1/x"),
             "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")},
        start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while not (marker.exists() and marker.read_text()) and time.monotonic() < deadline:
        time.sleep(0.1)
    child_pid = int(marker.read_text())
    launcher.send_signal(signum)
    launcher.wait(timeout=30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(child_pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    pytest.fail(f"the child {child_pid} outlived the launcher")
