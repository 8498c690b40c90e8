"""Uploads through the real forms: files that lie about their type, carry scripts, are too big
or decompress to huge images are refused; stored pictures are re-encoded; files are downloaded,
never sniffed or run in the site's origin."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from knowledge.models import Resource

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


def png(width=40, height=40, trailer=b"") -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", (width, height), (20, 120, 90))
    image.save(buffer, format="PNG")
    return buffer.getvalue() + trailer


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` × ``height`` pixels (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def upload_photo(client, person, name, content, content_type="image/png"):
    return client.post(
        f"/en/members/people/{person.pk}/edit/",
        {
            "name_en": person.name_en,
            "name_th": person.name_th,
            "contact_visibility": "members",
            "language": "th",
            "photo": SimpleUploadedFile(name, content, content_type=content_type),
        },
    )


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("avatar.svg", SVG, "image/svg+xml"),
        ("avatar.png", SVG, "image/png"),
        ("avatar.png", HTML, "image/png"),
        ("avatar.png", b"MZ\x90\x00 not a picture", "image/png"),
    ],
    ids=["svg", "svg-named-png", "html-named-png", "executable-named-png"],
)
def test_profile_photo_that_is_not_a_picture_is_refused(
    client_for, member, name, content, content_type
):
    response = upload_photo(client_for(member), member.person, name, content, content_type)
    assert response.status_code == 200  # the form again, with the error
    member.person.refresh_from_db()
    assert not member.person.photo


def test_profile_photo_decompression_bomb_is_refused(client_for, member):
    response = upload_photo(
        client_for(member), member.person, "bomb.png", png_claiming(60000, 60000)
    )
    assert response.status_code == 200
    member.person.refresh_from_db()
    assert not member.person.photo


def test_profile_photo_over_the_size_limit_is_refused(client_for, member):
    big = png(trailer=b"\x00" * (3 * 1024 * 1024))
    response = upload_photo(client_for(member), member.person, "big.png", big)
    assert response.status_code == 200
    member.person.refresh_from_db()
    assert not member.person.photo


def test_stored_photo_is_re_encoded_without_what_was_hidden_in_it(client_for, member):
    response = upload_photo(
        client_for(member), member.person, "me.png", png(2000, 1000, trailer=HTML)
    )
    assert response.status_code == 302
    member.person.refresh_from_db()
    stored = member.person.photo.read()
    assert b"<script" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert max(image.size) <= 512  # re-encoded and scaled down


def post_resource(client, name, content, content_type):
    return client.post(
        "/en/knowledge/new/",
        {
            "kind": "document",
            "language": "th",
            "title_th": "คู่มือทดสอบไฟล์แนบ",
            "visibility": "public",
            "submit": "1",
            "attachments": SimpleUploadedFile(name, content, content_type=content_type),
        },
    )


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("report.svg", SVG, "image/svg+xml"),
        ("report.html", HTML, "text/html"),
        ("report.pdf", HTML, "application/pdf"),
        ("map.png", SVG, "image/png"),
        ("map.png", png_claiming(60000, 60000), "image/png"),
    ],
    ids=["svg", "html", "html-named-pdf", "svg-named-png", "png-bomb"],
)
def test_attachment_that_lies_or_carries_script_is_refused(
    client_for, member, name, content, content_type
):
    response = post_resource(client_for(member), name, content, content_type)
    assert response.status_code == 400
    assert not Resource.objects.filter(title_th="คู่มือทดสอบไฟล์แนบ").exists()


def test_attachments_are_downloaded_never_sniffed(client_for, member, coordinator):
    client = client_for(coordinator)
    response = post_resource(client, "plan.pdf", b"%PDF-1.4\n% plan\n", "application/pdf")
    assert response.status_code == 302
    item = Resource.objects.get(title_th="คู่มือทดสอบไฟล์แนบ").attachments.get()
    download = client_for(member).get(item.get_absolute_url())
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment")
