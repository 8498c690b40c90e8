"""allauth hooks: account e-mails are recorded in the outbox and leave from a Celery task, so a slow
or unreachable mail server never blocks or fails a sign-up; rate limits count per client behind the
proxy; sign-up costs the same for a taken address."""

import uuid

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils import translation
from django.utils.translation import gettext

from .lib.client_ip import client_ip
from .outbox import service


class _Site:
    """What allauth's templates read from ``current_site``: the name in the reader's language
    (not the English name stored in django.contrib.sites) and the domain of SITE_URL."""

    def __init__(self):
        self.name = gettext(settings.SITE_NAME)
        self.domain = settings.SITE_URL.split("://", 1)[-1]

    def __str__(self):
        return self.name


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        # Every allauth limit (login, sign-up, reset) and the admin login, which authenticates
        # through this adapter, read the client the same way (network/lib/client_ip.py).
        return client_ip(request)

    def send_mail(self, template_prefix, email, context):
        language = translation.get_language() or settings.LANGUAGE_CODE
        with translation.override(language):
            ctx = {
                "request": allauth_context.request,
                "email": email,
                "current_site": _Site(),
                "site_url": settings.SITE_URL,
                "site_name": gettext(settings.SITE_NAME),
                **context,
            }
            message = self.render_mail(template_prefix, email, ctx)
        # Transactional: always sent. Each request (a new code, a new reset link) is its own
        # occasion, so the period is unique.
        service.queue(
            template_prefix,
            kind=f"account.{template_prefix.rsplit('/', 1)[-1]}",
            to=email,
            language=language,
            period=uuid.uuid4().hex,
            message=message,
            check_preferences=False,
        )


class SignupForm(AllauthSignupForm):
    """Sign-up that costs the same whether or not the address already has an account.

    A new account's password is hashed (the slow step, on purpose); for a taken address allauth
    only mails the owner, so without this the answer came about 0.4 s sooner and told who has an
    account. The password is hashed here too and the hash thrown away.
    """

    def try_save(self, request):
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)
