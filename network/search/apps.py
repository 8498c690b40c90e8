from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Site-wide search: one index the apps' models feed through ``network.search.registry``."""

    name = "network.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        from . import indexers, signals

        indexers.register_all()
        signals.connect()
