"""Where attachment files live: outside MEDIA_ROOT, so the web server never serves them directly.

Every download goes through a view that checks who may read it (``knowledge.views.attachment``;
``members.project_views.report_attachment`` for project progress reports).
In production nginx serves the bytes after that check (``X-Accel-Redirect``, docs/deployment.md).
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


def private_root() -> Path:
    """``PRIVATE_MEDIA_ROOT`` if set, else a ``private`` folder beside MEDIA_ROOT."""
    configured = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
    return Path(configured) if configured else Path(settings.MEDIA_ROOT).parent / "private"


class PrivateStorage(FileSystemStorage):
    # Django clears these cached properties when MEDIA_ROOT changes (tests move it per test).
    @cached_property
    def base_location(self):
        return str(private_root())

    @cached_property
    def base_url(self):
        return None


private_storage = PrivateStorage()


def serve_stored_file(item, *, public: bool):
    """``item`` (with ``file``, ``filename`` and ``content_type``: a library attachment, a funding
    call's document, a progress report's file) as a download, after the caller's permission
    check; never sniffed. With ``KNOWLEDGE_X_ACCEL_REDIRECT`` set, nginx serves the bytes from an
    ``internal`` location (docs/deployment.md); a missing file is a 404."""
    from urllib.parse import quote

    from django.http import FileResponse, Http404, HttpResponse

    if getattr(settings, "KNOWLEDGE_X_ACCEL_REDIRECT", ""):
        response = HttpResponse(content_type=item.content_type)
        response["X-Accel-Redirect"] = (
            settings.KNOWLEDGE_X_ACCEL_REDIRECT.rstrip("/") + "/" + item.file.name
        )
    else:
        try:
            handle = item.file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(handle, content_type=item.content_type)
    filename = item.filename
    ascii_name = filename.encode("ascii", "ignore").decode().replace('"', "") or "download"
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    return response
