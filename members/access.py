"""Who a user is to the network. Every permission check in the project starts here."""

from __future__ import annotations

from .models import Membership, Organisation, User


def role_of(user) -> User.Role:
    """The highest role a (possibly anonymous) user holds, cached on the user for the request."""
    if not user.is_authenticated or not user.is_active:
        return User.Role.PUBLIC
    cached = getattr(user, "_network_role", None)
    if cached is not None:
        return cached
    if user.is_superuser:
        role = User.Role.SUPERUSER
    elif user.is_coordinator:
        role = User.Role.COORDINATOR
    else:
        roles = set(
            Membership.objects.filter(
                person__user=user, organisation__status=Organisation.Status.ACTIVE
            ).values_list("role", flat=True)
        )
        if Membership.Role.EDITOR in roles:
            role = User.Role.EDITOR
        elif roles:
            role = User.Role.MEMBER
        else:
            role = User.Role.PUBLIC
    user._network_role = role
    return role


def is_member(user) -> bool:
    """Members see members-only content: anyone in an active organisation, and coordinators."""
    return role_of(user) != User.Role.PUBLIC


def is_coordinator(user) -> bool:
    return role_of(user) in (User.Role.COORDINATOR, User.Role.SUPERUSER)
