"""Fill the stored HTML of the Markdown fields of existing rows (rendered once, here)."""

from django.db import migrations

MODELS = ["Organisation", "Person"]


def render(apps, schema_editor):
    from network.lib.markup import rerender

    for name in MODELS:
        rerender(apps.get_model("members", name))


class Migration(migrations.Migration):
    dependencies = [("members", "0004_markdown_html_and_text_limits")]

    operations = [migrations.RunPython(render, migrations.RunPython.noop, elidable=True)]
