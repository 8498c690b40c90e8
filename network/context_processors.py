from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext

from .lib import pagecache


def site(request):
    from members.access import role_of

    user = getattr(request, "user", None)
    return {
        # The site's name in the reader's language (settings hold the English one, a msgid).
        "SITE_NAME": gettext(settings.SITE_NAME),
        "SITE_URL": settings.SITE_URL,
        "network_role": role_of(user) if user is not None else "public",
        # For {% cache %} blocks shared by everyone in one role (see docs/architecture.md).
        "PAGE_CACHE_SECONDS": settings.PAGE_CACHE_SECONDS,
        "cache_generation": SimpleLazyObject(pagecache.versions),
    }
