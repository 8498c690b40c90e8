"""Coordinators run the network in the admin without a permission row for every model."""

from django.contrib.auth.backends import BaseBackend

# What coordinators manage; user accounts' passwords and Django internals stay with superusers.
COORDINATED_APPS = {"members", "events", "knowledge", "taggit", "network", "django_celery_beat", "account"}


class CoordinatorBackend(BaseBackend):
    """Grants every permission on the network's own apps to active coordinators.

    It never authenticates anyone: allauth and ModelBackend do that.
    """

    def has_perm(self, user_obj, perm, obj=None):
        if not (user_obj.is_active and getattr(user_obj, "is_coordinator", False)):
            return False
        return perm.split(".", 1)[0] in COORDINATED_APPS

    def has_module_perms(self, user_obj, app_label):
        return (
            user_obj.is_active
            and getattr(user_obj, "is_coordinator", False)
            and app_label in COORDINATED_APPS
        )
