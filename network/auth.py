"""Coordinators run the network in the admin without a permission row for every model."""

from django.contrib.auth.backends import BaseBackend

# What coordinators manage; Django internals (groups, permissions, sessions) and the periodic-task
# schedule stay with superusers. Periodic tasks run any registered task with any arguments, as the
# worker: a coordinator who could add one could make the worker do anything a task can (send mail
# to anyone, as anyone); the schedule is created by migrations, so coordinators do not even see it.
COORDINATED_APPS = {"members", "events", "knowledge", "taggit", "network", "account"}

# Sign-in credentials: a coordinator who could change them could take over a superuser (set the
# password, or point the e-mail address elsewhere and reset it), so coordinators only look.
# People's profiles (members.Person) are separate and stay fully editable.
READ_ONLY_MODELS = {("members", "user"), ("account", "emailaddress")}


class CoordinatorBackend(BaseBackend):
    """Grants every permission on the network's own apps to active coordinators.

    It never authenticates anyone: allauth and ModelBackend do that.
    """

    def has_perm(self, user_obj, perm, obj=None):
        if not (user_obj.is_active and getattr(user_obj, "is_coordinator", False)):
            return False
        app_label, _, codename = perm.partition(".")
        if app_label not in COORDINATED_APPS:
            return False
        action, _, model_name = codename.partition("_")
        if action == "view":
            return True
        return (app_label, model_name) not in READ_ONLY_MODELS

    def has_module_perms(self, user_obj, app_label):
        return (
            user_obj.is_active
            and getattr(user_obj, "is_coordinator", False)
            and app_label in COORDINATED_APPS
        )
