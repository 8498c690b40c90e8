from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from . import access, panels, project_panels

        # Roles come from these rows, and are cached until one of them changes.
        for name in ("Membership", "Organisation", "Person", "User"):
            model = self.get_model(name)
            post_save.connect(access.roles_changed, sender=model, dispatch_uid=f"roles-{name}")
            post_delete.connect(access.roles_changed, sender=model, dispatch_uid=f"roles-d-{name}")

        panels.register_organisation_panel(panels.organisation_mentoring)
        panels.register_organisation_panel(project_panels.organisation_projects)
