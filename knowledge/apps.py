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

        # Frequent writes that few pages show: they make only those pages stale
        # (network/lib/pagecache.py, "scopes"), not the directory or another resource's page.
        from network.lib import pagecache

        pagecache.scoped(
            "knowledge.resource",
            lambda resource: [pagecache.object_scope(resource)],
            listed=LISTED_RESOURCE_FIELDS,
        )
        pagecache.scoped("knowledge.attachment", lambda item: [_owner(item.resource)])
        pagecache.scoped(
            "knowledge.comment",
            lambda comment: [
                _owner(owner) for owner in (comment.resource, comment.event) if owner is not None
            ],
        )


# What other pages (related resources, an organisation's list) show about a resource.
LISTED_RESOURCE_FIELDS = (
    "slug", "title_th", "title_en", "kind", "status", "visibility", "published_on", "event_id",
    "summary_th", "summary_en", "featured",  # on the cards of the home page
)  # fmt: skip


def _owner(instance) -> str:
    from network.lib import pagecache

    return pagecache.object_scope(instance)
