"""Checks on uploaded attachments: the content must be what the extension says.

Nothing is trusted from the browser (name, declared content type). We read the bytes: ``%PDF-``
for PDF, a well-formed Office Open XML package for DOCX/XLSX/PPTX, an image Pillow can decode
within the pixel limit for pictures. Executables and macro-enabled documents are refused.
"""

import os
import zipfile
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024
# Office files are ZIP archives: refuse archives that would expand to more than this (zip bombs).
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024

OFFICE_MAIN_PART = {
    "docx": ("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pptx": ("ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
}  # fmt: skip
IMAGE_FORMATS = {
    "jpg": "JPEG",
    "jpeg": "JPEG",
    "png": "PNG",
    "gif": "GIF",
    "webp": "WEBP",
}
IMAGE_CONTENT_TYPES = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "GIF": "image/gif",
    "WEBP": "image/webp",
}
EXECUTABLE_MAGIC = (
    b"MZ",  # Windows PE
    b"\x7fELF",  # Linux
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xcf\xfa\xed\xfe",
    b"\xce\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # Mach-O / Java class
    b"#!",  # scripts
)
EXECUTABLE_EXTENSIONS = {
    "exe", "dll", "com", "bat", "cmd", "sh", "msi", "scr", "js", "vbs", "ps1", "jar", "apk",
    "app", "bin", "elf", "py", "php", "pl", "html", "htm", "svg", "docm", "xlsm", "pptm",
}  # fmt: skip
ALLOWED_EXTENSIONS = ("pdf", *OFFICE_MAIN_PART, *IMAGE_FORMATS)
MAX_FILES_PER_POST = 10


@dataclass(frozen=True)
class CheckedFile:
    file_kind: str
    content_type: str
    size: int


def extension(name: str) -> str:
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def safe_filename(name: str) -> str:
    """The name a download is offered under: letters, digits and `` ._-()`` only, at most 120
    characters before the extension (the file itself is stored under a random name)."""
    stem, ext = os.path.splitext(os.path.basename(name or "file"))
    stem = "".join(ch for ch in stem if ch.isalnum() or ch in " ._-()").strip()[:120] or "file"
    return f"{stem}{ext.lower()[:10]}"


def _head(upload, n: int = 8) -> bytes:
    upload.seek(0)
    head = upload.read(n)
    upload.seek(0)
    return head


def check_upload(upload) -> CheckedFile:
    """Return what ``upload`` is, or raise ValidationError saying why it is refused."""
    name = getattr(upload, "name", "") or ""
    ext = extension(name)
    size = upload.size or 0
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("%(name)s is too large: files may be at most %(limit)d MB."),
            code="too_large",
            params={"name": name, "limit": MAX_ATTACHMENT_BYTES // (1024 * 1024)},
        )
    if size == 0:
        raise ValidationError(_("%(name)s is empty."), code="empty", params={"name": name})
    head = _head(upload)
    if ext in EXECUTABLE_EXTENSIONS or head.startswith(EXECUTABLE_MAGIC):
        raise ValidationError(
            _("%(name)s looks like a program or a script; programs cannot be uploaded."),
            code="executable",
            params={"name": name},
        )
    if ext == "pdf":
        if not head.startswith(b"%PDF-"):
            raise _mismatch(name, "PDF")
        return CheckedFile("pdf", "application/pdf", size)
    if ext in OFFICE_MAIN_PART:
        return _check_office(upload, name, ext, size)
    if ext in IMAGE_FORMATS:
        return _check_image(upload, name, ext, size)
    raise ValidationError(
        _(
            "%(name)s: only PDF, Word, Excel, PowerPoint and image files (JPEG, PNG, GIF, WebP) can be attached."
        ),
        code="extension",
        params={"name": name},
    )


def _mismatch(name: str, expected: str) -> ValidationError:
    return ValidationError(
        _("The content of %(name)s is not a %(expected)s file, although its name says so."),
        code="mismatch",
        params={"name": name, "expected": expected},
    )


def _check_office(upload, name: str, ext: str, size: int) -> CheckedFile:
    main_part, content_type = OFFICE_MAIN_PART[ext]
    labels = {"docx": "Word", "xlsx": "Excel", "pptx": "PowerPoint"}
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if "[Content_Types].xml" not in names or main_part not in names:
                raise _mismatch(name, labels[ext])
            if any(n.lower().endswith("vbaproject.bin") for n in names):
                raise ValidationError(
                    _("%(name)s contains macros; save it without macros and upload it again."),
                    code="macros",
                    params={"name": name},
                )
            if sum(info.file_size for info in infos) > MAX_UNZIPPED_BYTES:
                raise ValidationError(
                    _("%(name)s expands to too much data to be a normal document."),
                    code="zip_bomb",
                    params={"name": name},
                )
    except zipfile.BadZipFile:
        raise _mismatch(name, labels[ext]) from None
    finally:
        upload.seek(0)
    return CheckedFile(ext, content_type, size)


def _check_image(upload, name: str, ext: str, size: int) -> CheckedFile:
    import warnings

    from PIL import Image

    max_pixels = settings.IMAGE_MAX_PIXELS
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            Image.MAX_IMAGE_PIXELS = max_pixels
            with Image.open(upload) as image:
                fmt = image.format
                width, height = image.size
                if width * height > max_pixels:
                    raise _bomb(name)
                image.verify()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _bomb(name) from None
    except Exception:  # noqa: BLE001 - anything Pillow cannot read is not an image we accept
        raise _mismatch(name, _("image")) from None
    finally:
        upload.seek(0)
    if fmt != IMAGE_FORMATS[ext]:
        raise _mismatch(name, IMAGE_FORMATS[ext])
    return CheckedFile("image", IMAGE_CONTENT_TYPES[fmt], size)


def _bomb(name: str) -> ValidationError:
    return ValidationError(
        _("%(name)s has too many pixels (at most %(limit)s million)."),
        code="too_many_pixels",
        params={"name": name, "limit": settings.IMAGE_MAX_PIXELS // 1_000_000},
    )


def extract_pdf_text(path_or_file, max_chars: int = 200_000) -> str:
    """The text of a PDF (pypdf), or "" when it has none or cannot be read."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(path_or_file)
        parts, total = [], 0
        for page in reader.pages:
            text = page.extract_text() or ""
            parts.append(text)
            total += len(text)
            if total >= max_chars:
                break
        return "\n".join(parts)[:max_chars].replace("\x00", " ")
    except Exception:  # noqa: BLE001 - a broken PDF is still a valid attachment, just unsearchable
        return ""


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; clean the list with :func:`checked_uploads`."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": ",".join(f".{e}" for e in ALLOWED_EXTENSIONS)}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def checked_uploads(files) -> list:
    """(upload, CheckedFile) for each uploaded file, or every reason one is refused."""
    files = files or []
    if len(files) > MAX_FILES_PER_POST:
        raise ValidationError(
            _("Attach at most %(n)d files at a time."), params={"n": MAX_FILES_PER_POST}
        )
    checked, errors = [], []
    for upload in files:
        try:
            checked.append((upload, check_upload(upload)))
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    return checked
