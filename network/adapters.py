"""allauth hooks: account e-mails leave through Celery so a slow mail server never blocks sign-up;
rate limits count per client behind the proxy; sign-up costs the same for a taken address."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password

from .lib.client_ip import client_ip
from .tasks import send_email_message


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        # Every allauth limit (login, sign-up, reset) and the admin login, which authenticates
        # through this adapter, read the client the same way (network/lib/client_ip.py).
        return client_ip(request)

    def send_mail(self, template_prefix, email, context):
        message = self.render_mail(template_prefix, email, context)
        html = next(
            (
                content
                for content, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            None,
        )
        send_email_message.delay_on_commit(
            subject=message.subject,
            body=message.body,
            html=html,
            to=list(message.to),
            from_email=message.from_email,
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
