from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from network.lib import pagecache
from network.lib.i18n import current_language
from network.lib.pagecache import public_page
from network.lib.pagination import paginate

from . import access, services
from .forms import DecisionForm, DirectoryFilterForm, JoinForm, OrganisationForm, PersonForm
from .models import JoinRequest, Membership, NetworkGroup, Organisation, Person
from .panels import organisation_panels, person_panels, render_panels

PAGE_SIZE = 24
# The query parameters the directory reads: only these make distinct cached pages.
DIRECTORY_PARAMS = (*DirectoryFilterForm.base_fields, "page")


def _by_name(queryset):
    """Alphabetical in the visitor's language (organisations without an English name use Thai)."""
    if current_language() == "en":
        return queryset.order_by(Coalesce(NullIf("name_en", Value("")), "name_th"), "pk")
    return queryset.order_by("name_th", "pk")


def _kind_counts(form) -> list[tuple[str, str, int]]:
    """(kind, label, count) for every kind present under the other filters."""
    rows = dict(
        form.filter(Organisation.objects.listed(), ignore=("kind",))
        .values_list("kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [(kind, label, rows[kind]) for kind, label in Organisation.Kind.choices if kind in rows]


@require_safe
@public_page(params=DIRECTORY_PARAMS, shows=())  # organisations only: no scoped rows
def directory(request):
    form = DirectoryFilterForm(request.GET)
    organisations = _by_name(form.filter(Organisation.objects.listed()).select_related("province"))
    # Lazy: the template's {% cache %} block asks for them only when it is not cached.
    page = SimpleLazyObject(lambda: paginate(request.GET, organisations, PAGE_SIZE))
    kind_counts = SimpleLazyObject(lambda: _kind_counts(form))
    context = {
        "form": form,
        "page": page,
        "query_key": pagecache.query_key(request, DIRECTORY_PARAMS),
        "kind_counts": kind_counts,
        "total": SimpleLazyObject(lambda: sum(n for _kind, _label, n in kind_counts)),
        "active_kind": form.cleaned_data.get("kind", ""),
        "groups": NetworkGroup.objects.order_by("kind", "position").only(
            "kind", "name_th", "name_en", "slug"
        ),
    }
    return render(request, "members/directory.html", context)


@require_safe
@public_page(params=DirectoryFilterForm.base_fields)
def map_page(request):
    form = DirectoryFilterForm(request.GET)
    organisations = _by_name(form.filter(Organisation.objects.listed()).select_related("province"))
    query = request.GET.urlencode()
    data_url = reverse("members:map_data") + (f"?{query}" if query else "")
    return render(
        request,
        "members/map.html",
        {
            "form": form,
            "organisations": organisations,
            "data_url": data_url,
            "map_tile_url": settings.MAP_TILE_URL,
            "kinds": Organisation.Kind.choices,
        },
    )


@require_safe
@public_page(params=DirectoryFilterForm.base_fields)
def map_data(request):
    """Organisations with a location, for the map: public data only."""
    form = DirectoryFilterForm(request.GET)
    organisations = form.filter(Organisation.objects.listed().on_map()).select_related("province")
    kinds = dict(Organisation.Kind.choices)
    features = [
        {
            "slug": org.slug,
            "name": org.name,
            "kind": org.kind,
            "kind_label": str(kinds.get(org.kind, org.kind)),
            "province": org.province.name if org.province else "",
            "lat": float(org.latitude),
            "lng": float(org.longitude),
            "url": org.get_absolute_url(),
        }
        for org in _by_name(organisations)
    ]
    return JsonResponse({"count": len(features), "organisations": features})


@require_safe
@public_page
def organisation(request, slug):
    org = access.get_organisation_for_view(request, slug)
    memberships = list(
        org.memberships.select_related("person__user").order_by(
            "-is_focal_point", "role", "person__name_th"
        )
    )
    user = request.user
    is_editor = user.is_authenticated and any(
        m.person.user_id == user.pk and m.role == Membership.Role.EDITOR for m in memberships
    )
    can_edit = is_editor or access.is_coordinator(user)
    belongs = user.is_authenticated and any(m.person.user_id == user.pk for m in memberships)
    people = [(m, access.can_see_contact(user, m.person)) for m in memberships]
    context = {
        "organisation": org,
        "people": people,
        "programmes": list(org.programmes.all()),
        "topics": list(org.topics.all()),
        "groups": list(org.network_groups.all()),
        "can_edit": can_edit,
        "belongs": belongs,
        "show_org_contact": access.can_see_organisation_contact(user),
        "pending_requests": can_edit and org.pending_join_requests,
        "panels": render_panels(request, organisation_panels(request, org)),
        "share_url": request.build_absolute_uri(org.get_absolute_url()),
    }
    return render(request, "members/organisation.html", context)


@require_safe
@public_page
def person(request, pk):
    someone = access.get_person_for_view(request, pk)
    memberships = list(
        someone.memberships.filter(
            organisation__status__in=[Organisation.Status.ACTIVE, Organisation.Status.ALUMNI]
        ).select_related("organisation")
    )
    own = request.user.is_authenticated and someone.user_id == request.user.pk
    context = {
        "person": someone,
        "memberships": memberships,
        "expertise": list(someone.expertise.all()),
        "expertise_tags": list(someone.expertise_tags.all()),
        "show_contact": access.can_see_contact(request.user, someone),
        "can_edit": own or access.is_coordinator(request.user),
        "can_ask": someone.is_adviser
        and not own
        and someone.user_id is not None
        and access.can_ask_for_advice(request.user),
        "panels": render_panels(request, person_panels(request, someone)),
    }
    return render(request, "members/person.html", context)


@login_required
def my_profile(request):
    """The signed-in user's own profile page, or the join page when they have none yet."""
    someone = Person.objects.filter(user=request.user).only("pk").first()
    if someone is None:
        return redirect("members:join")
    return redirect("members:person", pk=someone.pk)


PROPOSAL_TO_COMPLETE = gettext_lazy(
    "The new organisation stays out of the public directory until it has a description, "
    "a province and a location on the map. Please add them now."
)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request, slug):
    org = access.get_organisation_for_change(request, slug)
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=org)
    if request.method == "POST" and form.is_valid():
        listed = services.save_organisation_profile(form=form)
        messages.success(request, _("The organisation's profile was saved."))
        if listed:
            messages.success(request, _("It is now listed in the public directory."))
        return redirect(org)
    return render(request, "members/organisation_form.html", {"organisation": org, "form": form})


@login_required
@require_safe
def organisation_people(request, slug):
    org = access.get_organisation_for_change(request, slug)
    memberships = org.memberships.select_related("person__user").order_by("role", "person__name_th")
    return render(
        request,
        "members/organisation_people.html",
        {"organisation": org, "memberships": memberships, "roles": Membership.Role},
    )


@login_required
@require_POST
def membership_role(request, slug, pk):
    membership = access.get_membership_for_change(request, slug, pk)
    role = request.POST.get("role")
    if role not in Membership.Role.values:
        messages.error(request, _("Choose a role."))
    else:
        try:
            services.set_membership_role(membership=membership, role=role)
        except services.LastEditor:
            messages.error(request, _("An organisation needs at least one editor."))
        else:
            messages.success(request, _("The role was changed."))
    return redirect("members:organisation_people", slug=slug)


@login_required
@require_POST
def membership_remove(request, slug, pk):
    membership = access.get_membership_for_change(request, slug, pk)
    try:
        services.remove_membership(membership=membership)
    except services.LastEditor:
        messages.error(request, _("An organisation needs at least one editor."))
    else:
        messages.success(request, _("The person was removed from the organisation."))
    return redirect("members:organisation_people", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request, pk):
    someone = access.get_person_for_change(request, pk)
    form = PersonForm(request.POST or None, request.FILES or None, instance=someone)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The profile was saved."))
        return redirect(someone)
    return render(request, "members/person_form.html", {"person": someone, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def join(request):
    has_person = Person.objects.filter(user=request.user).exists()
    initial = {"organisation": request.GET.get("organisation")}
    form = JoinForm(request.POST or None, initial=initial, needs_name=not has_person)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        profile = {k: data[k] for k in ("name_th", "name_en", "position") if k in data}
        try:
            services.request_to_join(
                user=request.user,
                organisation=data["organisation"],
                proposed_name_th=data["proposed_name_th"],
                proposed_name_en=data["proposed_name_en"],
                proposed_kind=data["proposed_kind"],
                proposed_province=data["proposed_province"],
                message=data["message"],
                profile=profile,
                language=current_language(),
            )
        except services.AlreadyMember:
            messages.info(request, _("You already belong to this organisation."))
        except services.AlreadyRequested:
            messages.info(request, _("Your request to join this organisation is already waiting."))
        except services.AlreadyProposed as exc:
            form.add_error("proposed_name_th", str(exc))
            return _join_page(request, form, status=200)
        except services.TooManyRequests as exc:
            form.add_error(None, str(exc))
            return _join_page(request, form, status=429)
        else:
            messages.success(
                request,
                _("Your request was sent. You will get an e-mail when it is approved or declined."),
            )
        return redirect("members:join")
    return _join_page(request, form, status=200)


def _join_page(request, form, *, status: int):
    my_requests = JoinRequest.objects.filter(person__user=request.user).select_related(
        "organisation"
    )[:10]
    return render(
        request, "members/join.html", {"form": form, "my_requests": my_requests}, status=status
    )


@login_required
@require_safe
def requests(request):
    """Pending join requests the user may decide (their organisations' or, for coordinators, all)."""
    if not access.may_decide_join_requests(request.user):
        raise PermissionDenied
    pending = (
        JoinRequest.objects.pending()
        .decidable_by(request.user)
        .select_related("person__user", "organisation", "proposed_province")
        .order_by("created")
        .distinct()
    )
    return render(request, "members/requests.html", {"pending": pending})


@login_required
@require_POST
def decide(request, pk):
    join_request = access.get_join_request_for_decision(request, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose approve or decline."))
        return redirect("members:requests")
    try:
        if form.cleaned_data["decision"] == JoinRequest.Status.APPROVED:
            proposal = join_request.is_proposal
            membership = services.approve_join_request(
                join_request=join_request, decided_by=request.user
            )
            messages.success(
                request,
                _("Approved: %(name)s is now a member.") % {"name": join_request.person.name},
            )
            if proposal:
                # The new organisation is unlisted until it has the basics: go and add them.
                messages.info(request, PROPOSAL_TO_COMPLETE)
                return redirect("members:organisation_edit", slug=membership.organisation.slug)
        else:
            services.decline_join_request(join_request=join_request, decided_by=request.user)
            messages.success(request, _("The request was declined."))
    except services.AlreadyDecided:
        messages.info(request, _("This request was already decided."))
    return redirect("members:requests")
