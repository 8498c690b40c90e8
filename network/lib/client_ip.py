"""The client's IP address, for rate limits, read the same way by allauth and the admin login.

Behind a reverse proxy every request comes from the proxy's address, so limits per IP would count
all visitors together. Only the hops the operator says are theirs are believed: with
``ALLAUTH_TRUSTED_PROXY_COUNT = n`` the client is the n-th address from the right of
``X-Forwarded-For`` (each trusted proxy appends the address it received the request from, so
whatever the client itself wrote is further left and ignored); with
``ALLAUTH_TRUSTED_CLIENT_IP_HEADER`` (e.g. ``X-Real-IP``) that header, set by the proxy, is read
instead. With neither (the default), ``X-Forwarded-For`` is ignored and ``REMOTE_ADDR`` is the
client. A request that did not pass through the proxies as configured falls back to
``REMOTE_ADDR`` rather than failing.
"""

import ipaddress

from django.conf import settings


def _clean(value: str | None) -> str | None:
    """The address in canonical form, or None when ``value`` is not an IP address."""
    if not value:
        return None
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [2001:db8::1]:443
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # 203.0.113.7:51000
        value = value.partition(":")[0]
    try:
        return ipaddress.ip_address(value).compressed
    except ValueError:
        return None


def _from_proxies(request) -> str | None:
    header = getattr(settings, "ALLAUTH_TRUSTED_CLIENT_IP_HEADER", None)
    if header:
        return _clean(request.headers.get(header))
    count = getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0)
    hops = [hop for hop in request.headers.get("X-Forwarded-For", "").split(",") if hop.strip()]
    if count <= 0 or len(hops) < count:
        return None
    return _clean(hops[-count])


def client_ip(request) -> str:
    """The address rate limits count against (see the module's note)."""
    return _from_proxies(request) or _clean(request.META.get("REMOTE_ADDR")) or "0.0.0.0"  # noqa: S104
