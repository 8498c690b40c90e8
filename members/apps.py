from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from . import panels, project_panels

        panels.register_organisation_panel(panels.organisation_mentoring)
        panels.register_organisation_panel(project_panels.organisation_projects)
