"""Browser journeys: Playwright for Python driving Debian's Chromium against ``live_server``.

Run them alone with ``pytest -m browser``. Screenshots (desktop 1280 and phone 390 wide) go to
``tests/screenshots/<journey>/`` (ignored by git) so anyone can look at what the pages show.
"""

import os
import re
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a thread
# with a running loop unless told that it is safe (it is: the loop is Playwright's, not ours).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if _is_journey(item):
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                item.add_marker(pytest.mark.skip(reason=f"{CHROMIUM} is not installed"))


def _restore_reference_data(config) -> None:
    """Put back the provinces, topics and groups that migrations load, if a flush removed them.

    Journeys need a live server, so their tests are transactional and the database is flushed
    after each. Django's ``serialized_rollback`` would reload the migrations' data, but once
    Playwright's event loop has run the saved copy is not always found on the connection, and
    where it is found it clashes with rows put back here; so the journeys do without it and the
    data the rest of the suite relies on is put back here, before and after each journey.
    """
    from importlib import import_module

    from django.apps import apps
    from django.db import connection
    from pytest_django.plugin import blocking_manager_key

    from members.models import Province

    if not connection.settings_dict["NAME"].startswith("test_"):
        return  # the test database is not set up yet: nothing was flushed
    with config.stash[blocking_manager_key].unblock():
        if not Province.objects.exists():
            reference = import_module("members.migrations.0002_reference_data")
            reference.load(apps, None)
            reference.coordinators_group(apps, None)


def _is_journey(item) -> bool:
    return Path(str(item.fspath)).parent == Path(__file__).parent


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    if _is_journey(item) and CHROMIUM.exists():
        _restore_reference_data(item.config)
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item):
    yield
    if _is_journey(item) and CHROMIUM.exists():
        _restore_reference_data(item.config)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server, request):
    context = browser.new_context(viewport=DESKTOP, locale="th-TH", base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    page.journey = request.node.name.removeprefix("test_")
    page.counter = {"shots": 0}  # shared with the journey's other windows: one numbering
    yield page
    context.close()
    # A script error or a CSP violation on any page fails the journey.
    assert not errors, errors


def shoot(page, name: str) -> None:
    """Save the current page at desktop and phone widths, numbered in journey order."""
    folder = SCREENSHOTS / page.journey
    folder.mkdir(parents=True, exist_ok=True)
    if page.counter["shots"] == 0:
        for old in folder.glob("*.png"):
            old.unlink()
    page.counter["shots"] += 1
    number = page.counter["shots"]
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=folder / f"{number:02d}-{slug}-desktop.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=folder / f"{number:02d}-{slug}-phone.png", full_page=True)
    page.set_viewport_size(DESKTOP)


@pytest.fixture
def open_page(browser, live_server, page):
    """``open_page(user)`` → a second browser window, signed in through the login form."""
    contexts = []

    def open_as(user, password):
        context = browser.new_context(viewport=DESKTOP, locale="th-TH", base_url=live_server.url)
        context.set_default_timeout(15_000)
        contexts.append(context)
        other = context.new_page()
        other.journey, other.counter = page.journey, page.counter
        other.goto("/en/accounts/login/")
        form = other.locator("main form:has(input[name=password])")
        form.locator("input[name=login]").fill(user.email)
        form.locator("input[name=password]").fill(password)
        form.locator("button[type=submit]").click()
        other.wait_for_url(lambda url: "/accounts/login/" not in url)
        return other

    yield open_as
    for context in contexts:
        context.close()


def wait_for_mail(outbox, count: int, timeout: float = 10):
    """The live server sends mail from its own thread: wait until ``count`` messages are there."""
    import time

    deadline = time.monotonic() + timeout
    while len(outbox) < count and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(outbox) >= count, [m.subject for m in outbox]
    return outbox[count - 1]


def link_in(message, fragment: str) -> str:
    """The first link in the message's text part whose path contains ``fragment``."""
    links = re.findall(r"https?://\S+", message.body)
    found = [link for link in links if fragment in link]
    assert found, message.body
    return found[0]


@pytest.fixture(scope="session")
def nu_checker():
    """The W3C Nu HTML checker as a local service for the whole session (tests/browser/checkers.py).

    Skipped only where Java is missing (CI has it); a missing npm install is a failure that says
    how to fix it, so the checks cannot quietly stop running.
    """
    import shutil

    from .checkers import AXE_JS, MISSING, NU_JAR, NuChecker

    if shutil.which("java") is None:
        pytest.skip("java is not installed: the W3C Nu checker needs a JRE (default-jre-headless)")
    if not NU_JAR.exists() or not AXE_JS.exists():
        pytest.fail(MISSING)
    checker = NuChecker()
    yield checker
    checker.close()
