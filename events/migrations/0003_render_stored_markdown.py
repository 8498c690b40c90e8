"""Fill the stored HTML of the Markdown fields of existing rows (rendered once, here)."""

from django.db import migrations

MODELS = ["Event", "Site"]


def render(apps, schema_editor):
    from network.lib.markup import rerender

    for name in MODELS:
        rerender(apps.get_model("events", name))


class Migration(migrations.Migration):
    dependencies = [("events", "0002_markdown_html_and_text_limits")]

    operations = [migrations.RunPython(render, migrations.RunPython.noop, elidable=True)]
