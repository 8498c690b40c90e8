"""Response headers and cookies: CSP without inline scripts, nosniff, referrer, framing, HSTS."""

import json
import re
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]
PUBLIC_PAGES = [
    "/",
    "/en/",
    "/about/",
    "/members/",
    "/members/map/",
    "/events/",
    "/events/past/",
    "/events/calendar/",
    "/knowledge/",
    "/knowledge/discussions/",
    "/search/?q=น้ำท่วม",
    "/accounts/login/",
    "/accounts/signup/",
]


def directives(header: str) -> dict[str, list[str]]:
    policy = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            policy[words[0]] = words[1:]
    return policy


def production_env(**extra) -> dict:
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "example.org",
        # The Redis the suite uses (the machine's, or the embedded one `make test` started).
        "REDIS_URL": settings.REDIS_URL,
    }
    env.update(extra)
    return env


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_pages_send_a_content_security_policy_without_inline_scripts(client, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in policy.get("style-src", [])


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_pages_have_no_inline_script_bodies_or_style_attributes(client, url):
    html = client.get(url).content.decode()
    for tag in re.findall(r"<script\b[^>]*>", html):
        # Scripts come from files; json_script data blocks are not executed.
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert not re.search(r"<[a-z][^>]*\sstyle=", html)
    assert not re.search(r"<[a-z][^>]*\son[a-z]+=", html)  # no onclick= and friends


def test_pages_forbid_sniffing_framing_and_leaking_the_full_referrer(client):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_session_cookie_is_http_only(client, outsider):
    response = client.post("/en/accounts/login/", {"login": outsider.email, "password": PASSWORD})
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_deploy_check_passes_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


PROBE = """
import json
from django.conf import settings
from django.test import Client
from django.test.utils import override_settings
# The manifest comes from collectstatic at deploy time; this probe looks at headers only.
override_settings(STORAGES={**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}).enable()
client = Client()
plain = client.get("/robots.txt", HTTP_HOST="example.org")
secure = client.get("/en/accounts/login/", HTTP_HOST="example.org", secure=True)
print(json.dumps({
    "plain_status": plain.status_code,
    "plain_location": plain.get("Location", ""),
    "hsts": secure.get("Strict-Transport-Security", ""),
    "status": secure.status_code,
    "csrf_cookie_secure": bool(secure.cookies["csrftoken"]["secure"]),
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
    "session_cookie_httponly": settings.SESSION_COOKIE_HTTPONLY,
    "language_cookie_secure": settings.LANGUAGE_COOKIE_SECURE,
    "debug": settings.DEBUG,
}))
"""


def test_production_settings_redirect_to_https_and_send_hsts_and_secure_cookies():
    db = connection.settings_dict
    # HOST is a socket folder for the embedded PostgreSQL: percent-encoded, dj-database-url reads it.
    host = quote(db["HOST"], safe="")
    url = f"postgres://{db['USER']}@{host}:{db['PORT'] or 5432}/{db['NAME']}"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PROBE],
        cwd=BASE_DIR,
        env=production_env(DATABASE_URL=url),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["plain_status"] == 301
    assert seen["plain_location"] == "https://example.org/robots.txt"
    assert seen["status"] == 200
    assert "max-age=31536000" in seen["hsts"]
    assert "includeSubDomains" in seen["hsts"]
    assert seen["csrf_cookie_secure"]
    assert seen["session_cookie_secure"]
    assert seen["session_cookie_httponly"]
    assert seen["language_cookie_secure"]
    assert seen["debug"] is False
