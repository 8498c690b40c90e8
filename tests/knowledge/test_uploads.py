import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from network.lib.uploads import MAX_ATTACHMENT_BYTES, check_upload

from .factories import docx_bytes, pdf_bytes, png_bytes, upload


def refused(name, content) -> str:
    with pytest.raises(ValidationError) as info:
        check_upload(upload(name, content))
    return info.value.code


def test_a_real_pdf_is_accepted():
    checked = check_upload(upload("report.PDF", pdf_bytes()))
    assert (checked.file_kind, checked.content_type) == ("pdf", "application/pdf")


def test_a_real_docx_and_png_are_accepted():
    assert check_upload(upload("notes.docx", docx_bytes())).file_kind == "docx"
    assert check_upload(upload("photo.png", png_bytes())).content_type == "image/png"


def test_content_that_does_not_match_the_extension_is_refused():
    assert refused("report.pdf", b"<html>not a pdf</html>") == "mismatch"
    assert refused("notes.docx", pdf_bytes()) == "mismatch"
    assert refused("photo.jpg", png_bytes()) == "mismatch"  # a PNG named .jpg
    assert refused("photo.png", b"GIF89a nonsense") == "mismatch"


def test_a_zip_that_is_not_a_word_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert refused("notes.docx", buffer.getvalue()) == "mismatch"


def test_macro_enabled_office_files_are_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
        archive.writestr("word/vbaProject.bin", b"\x00" * 10)
    assert refused("notes.docx", buffer.getvalue()) == "macros"


def test_executables_are_refused_whatever_their_name():
    assert refused("setup.exe", b"MZ\x90\x00rest") == "executable"
    assert refused("report.pdf", b"MZ\x90\x00rest") == "executable"
    assert refused("tool.pdf", b"\x7fELF\x02\x01") == "executable"
    assert refused("run.sh", b"#!/bin/sh\nrm -rf /") == "executable"
    assert refused("page.html", b"<script>alert(1)</script>") == "executable"


def test_unknown_types_and_empty_files_are_refused():
    assert refused("data.zip", b"PK\x03\x04") == "extension"
    assert refused("empty.pdf", b"") == "empty"


def test_oversized_files_are_refused():
    big = upload("big.pdf", b"%PDF-1.4\n")
    big.size = MAX_ATTACHMENT_BYTES + 1
    with pytest.raises(ValidationError) as info:
        check_upload(big)
    assert info.value.code == "too_large"


def test_image_bombs_are_refused(settings):
    settings.IMAGE_MAX_PIXELS = 10_000
    assert refused("bomb.png", png_bytes((200, 200))) == "too_many_pixels"
    # Far past the limit Pillow itself raises DecompressionBombError: still a clean refusal.
    assert refused("bomb2.png", png_bytes((500, 500))) == "too_many_pixels"
