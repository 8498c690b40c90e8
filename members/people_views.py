"""People and advisers (issue 12): the people list, asking an adviser, the advisers' answers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Value
from django.db.models.functions import Coalesce, NullIf
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from network.lib.i18n import current_language
from network.lib.pagecache import public_page
from network.lib.pagination import paginate

from . import access, services
from .forms import AdviceRequestForm, PeopleFilterForm
from .models import AdviceRequest, Membership, Organisation, Person

PAGE_SIZE = 24
# The query parameters the people list reads: only these make distinct cached pages.
PEOPLE_PARAMS = (*PeopleFilterForm.base_fields, "page")
# The advice page lists the most recent requests each way; older ones are in the e-mails.
ADVICE_PAGE_ROWS = 50


def _by_name(queryset):
    """Alphabetical in the visitor's language, falling back to the other name."""
    if current_language() == "en":
        name = Coalesce(NullIf("name_en", Value("")), "name_th")
    else:
        name = Coalesce(NullIf("name_th", Value("")), "name_en")
    return queryset.order_by(name, "pk")


def _listed_memberships():
    return Prefetch(
        "memberships",
        queryset=Membership.objects.filter(
            organisation__status__in=[Organisation.Status.ACTIVE, Organisation.Status.ALUMNI]
        )
        .select_related("organisation")
        .order_by("organisation__name_th"),
        to_attr="listed_memberships",
    )


@require_safe
@public_page(params=PEOPLE_PARAMS)
def people(request):
    """People of the network, each shown only to those who may see their page; "find an
    adviser" is the same list with ``advisers=1``. No contact details here: those follow each
    person's choice on their own page."""
    form = PeopleFilterForm(request.GET)
    found = _by_name(
        form.filter(access.people_visible_to(request.user)).prefetch_related(
            _listed_memberships(), "expertise", "expertise_tags"
        )
    )
    context = {
        "form": form,
        "page": paginate(request.GET, found, PAGE_SIZE),
        "advisers_only": bool(form.values().get("advisers")),
        "may_ask": access.can_ask_for_advice(request.user),
    }
    return render(request, "members/people.html", context)


def _requester(user) -> Person:
    requester = Person.objects.filter(user=user).first()
    if requester is None:  # a coordinator's account without a profile
        raise PermissionDenied
    return requester


@login_required
@require_http_methods(["GET", "POST"])
def ask(request, pk):
    adviser = access.get_adviser_for_request(request, pk)
    form = AdviceRequestForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.ask_for_advice(
                requester=_requester(request.user),
                adviser=adviser,
                subject=form.cleaned_data["subject"],
                message=form.cleaned_data["message"],
            )
        except services.TooManyAdviceRequests as exc:
            form.add_error(None, str(exc))
            status = 429
        except services.AlreadyAsked as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Your request was sent to %(name)s. The answer will come to you by e-mail.")
                % {"name": adviser.name},
            )
            return redirect("members:advice")
    context = {
        "adviser": adviser,
        "form": form,
        "expertise": list(adviser.expertise.all()),
        "memberships": list(
            adviser.memberships.filter(
                organisation__status__in=[Organisation.Status.ACTIVE, Organisation.Status.ALUMNI]
            ).select_related("organisation")
        ),
        "limit": services.advice_requests_per_day(),
    }
    return render(request, "members/ask.html", context, status=status)


@login_required
@require_safe
def advice(request):
    """The signed-in person's requests for advice: those they sent, those they received."""
    sent = (
        AdviceRequest.objects.filter(requester__user=request.user)
        .select_related("adviser")
        .only("subject", "status", "created", "closed_at", "adviser__name_th", "adviser__name_en")
    )[:ADVICE_PAGE_ROWS]
    received = (
        AdviceRequest.objects.filter(adviser__user=request.user)
        .select_related("requester")
        .prefetch_related(
            Prefetch(
                "requester__memberships", queryset=Membership.objects.select_related("organisation")
            )
        )
    )[:ADVICE_PAGE_ROWS]
    return render(request, "members/advice.html", {"sent": sent, "received": received})


def _close(request, advice_request: AdviceRequest, action: str) -> None:
    try:
        if action == "declined":
            services.decline_advice_request(advice_request=advice_request)
            messages.success(request, _("The request was declined. We told the member."))
        else:
            services.mark_advice_answered(advice_request=advice_request)
            messages.success(request, _("Thank you: the request is marked as answered."))
    except services.AdviceClosed:
        messages.info(request, _("This request was already closed."))


@login_required
@require_POST
def advice_close(request, pk, action):
    """The adviser marks a request answered or declines it from the advice page."""
    advice_request = access.get_advice_request_for_adviser(request, pk)
    _close(request, advice_request, action)
    return redirect("members:advice")


@require_http_methods(["GET", "POST"])
def advice_reply(request, token):
    """The one-click links in the adviser's e-mail: GET shows what the click will do (mail
    scanners open links), POST does it. The signed key is the proof; no sign-in needed."""
    advice_request, action = access.get_advice_request_for_token(token)
    if request.method == "POST":
        _close(request, advice_request, action)
        return redirect("members:advice_reply", token=token)
    context = {"advice_request": advice_request, "action": action}
    return render(request, "members/advice_reply.html", context)
