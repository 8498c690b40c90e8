"""The table of the ``database`` cache, where sign-in rate limits are counted while Redis is down
(``network/lib/cache.py``). ``createcachetable`` creates it only when missing."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", "database", database=schema_editor.connection.alias)


def drop_cache_table(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS network_cache")


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
