from django.conf import settings


def site(request):
    from members.access import role_of

    user = getattr(request, "user", None)
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "network_role": role_of(user) if user is not None else "public",
    }
