from django.conf import settings
from django.utils.translation import gettext


def site(request):
    from members.access import role_of

    user = getattr(request, "user", None)
    return {
        # The site's name in the reader's language (settings hold the English one, a msgid).
        "SITE_NAME": gettext(settings.SITE_NAME),
        "SITE_URL": settings.SITE_URL,
        "network_role": role_of(user) if user is not None else "public",
    }
