from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = _("Knowledge")

    def ready(self):
        from members import panels

        from . import panels as knowledge_panels

        panels.register_organisation_panel(knowledge_panels.organisation_resources)
        panels.register_person_panel(knowledge_panels.person_resources)

        from events.extensions import register_event_panel

        register_event_panel(knowledge_panels.event_report_comments)
