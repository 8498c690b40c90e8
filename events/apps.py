from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from members.panels import register_organisation_panel, register_person_panel

        from . import panels

        register_organisation_panel(panels.organisation_events)
        register_person_panel(panels.person_events)
