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

        # The index's own rows show on the search page alone (which, like every page that does
        # not say what it shows, depends on every scope): refreshing a resource's entry does not
        # make the directory or other resources' pages stale (network/lib/pagecache.py).
        from network.lib import pagecache

        for label in ("search.searchentry", "search.searchword", "search.pendingindex"):
            pagecache.scoped(label)
