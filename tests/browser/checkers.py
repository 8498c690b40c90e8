"""The W3C Nu HTML checker and axe-core, over pages a browser journey has open.

Both come from npm at the versions pinned in ``tests/browser/package.json`` and are installed into
``tests/browser/node_modules`` (ignored by git) by ``make checkers``, which ``make test`` runs first.
The Nu checker is a Java program: it runs once per test session as a local HTTP service, so each
page costs one request rather than a JVM start. axe-core runs inside the journeys' Chromium.
"""

import json
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
NU_JAR = HERE / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = HERE / "node_modules" / "axe-core" / "axe.min.js"
MISSING = "run `make checkers` (npm ci in tests/browser) to install the W3C Nu checker and axe-core"

# axe's own scale; "serious" and "critical" block, "minor" and "moderate" are advice.
BLOCKING_IMPACTS = {"serious", "critical"}


class NuChecker:
    """A running ``vnu.jar`` HTTP service; ``errors(html)`` returns its error messages."""

    def __init__(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        # The checker's schema recursion needs a deeper stack than the JVM's default thread stack.
        self.process = subprocess.Popen(
            [
                shutil.which("java"),
                "-Xss8m",
                "-Dnu.validator.servlet.bind-address=127.0.0.1",
                "-cp",
                str(NU_JAR),
                "nu.validator.servlet.Main",
                str(self.port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.url = f"http://127.0.0.1:{self.port}/?out=json"
        self._wait_until_up(timeout=180)

    def _wait_until_up(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the Nu checker stopped with code {self.process.returncode}")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=2).close()  # noqa: S310
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.5)
        self.close()
        raise RuntimeError(f"the Nu checker did not answer within {timeout:.0f} s")

    def errors(self, html: str) -> list[dict]:
        request = urllib.request.Request(  # noqa: S310 - the local checker's http:// address
            self.url,
            data=html.encode("utf-8"),
            headers={"Content-Type": "text/html; charset=utf-8"},
        )
        with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
            messages = json.load(response)["messages"]
        return [m for m in messages if m.get("type") == "error"]

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def axe_violations(page) -> list[dict]:
    """axe-core's serious and critical violations on the page as it is shown now.

    ``evaluate`` runs in the page through the DevTools protocol, so the site's Content Security
    Policy (no inline scripts) does not stop it and the page's own scripts are left as they are.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in BLOCKING_IMPACTS]


def describe_nu(path: str, error: dict) -> str:
    extract = " ".join(error.get("extract", "").split())[:120]
    return f"HTML {path} line {error.get('lastLine')}: {error['message']} [{extract}]"


def describe_axe(path: str, width: int, violation: dict) -> str:
    nodes = "; ".join(" ".join(node["html"].split())[:120] for node in violation["nodes"][:3])
    return f"axe {path} at {width}px: {violation['id']} ({violation['impact']}) {violation['help']}: {nodes}"
