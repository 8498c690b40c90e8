"""Related resources read each topic's newest resources from an index, never the whole table."""

from django.db import migrations

INDEX = "knowledge_resource_topics_topic_newest"


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0003_render_stored_markdown")]

    operations = [
        # The through table of Resource.topics is Django's own, so the index is created in SQL.
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} "
            "ON knowledge_resource_topics (topic_id, resource_id DESC)",
            f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
