"""Where attachment files live: outside MEDIA_ROOT, so the web server never serves them directly.

Every download goes through ``knowledge.views.attachment``, which checks who may read the resource.
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
