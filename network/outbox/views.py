"""The member's e-mail preferences and the one-click unsubscribe (RFC 8058)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import service
from .forms import PreferencesForm
from .kinds import label_for
from .models import EmailPreferences


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request):
    prefs = EmailPreferences.objects.filter(user=request.user).first() or EmailPreferences(
        user=request.user
    )
    form = PreferencesForm(
        request.POST or None,
        instance=prefs,
        initial={"language": service.language_of(request.user)},
    )
    if request.method == "POST" and form.is_valid():
        service.save_preferences(user=request.user, form=form)
        messages.success(request, _("Your e-mail preferences were saved."))
        return redirect("preferences")
    return render(request, "network/preferences.html", {"form": form})


# Mail clients POST here without cookies or CSRF token (RFC 8058); the signed token is the proof.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    try:
        address, kind = service.read_unsubscribe_token(token)
    except signing.BadSignature:
        return render(request, "network/unsubscribe_invalid.html", status=400)
    context = {"address": address, "what": label_for(kind)}
    if request.method == "POST":
        service.unsubscribe(address=address, kind=kind)
        return render(request, "network/unsubscribe_done.html", context)
    context["already"] = service.is_unsubscribed(address=address, kind=kind)
    return render(request, "network/unsubscribe.html", context)
