"""The admin's sign-in form, held to the same failed-login limit as allauth's.

Django's admin login would otherwise accept unlimited password guesses. Authenticating through
allauth's adapter counts each failure against the same key (site and e-mail) and IP limits as the
site's own login (``ACCOUNT_RATE_LIMITS["login_failed"]``), so guesses cannot be spread over the
two forms, and a successful sign-in does not reset the count. The IP limit counts the client's
address as the adapter reads it (``network.lib.client_ip``), so behind the proxy it is per visitor.
"""

from allauth.account.adapter import get_adapter
from django.contrib.admin.forms import AdminAuthenticationForm


class RateLimitedAdminAuthenticationForm(AdminAuthenticationForm):
    def clean(self):
        email = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if email is not None and password:
            # Raises a ValidationError ("Too many failed login attempts") once the limit is hit.
            self.user_cache = get_adapter(self.request).authenticate(
                self.request, email=email.strip().lower(), password=password
            )
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data
