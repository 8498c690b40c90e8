"""Case-study sections in Thai and English, like every other bilingual field.

Each section had one text, in whatever language its author wrote; it moves to the ``_th`` or
``_en`` field by its script (any Thai letter makes it Thai), with its stored HTML.
"""

import re

from django.db import migrations, models

import network.lib.markup
import network.lib.textlimits

SECTIONS = ["context", "climate_risk", "actions", "outcomes", "lessons", "contacts"]
THAI_LETTER = re.compile("[\u0e01-\u0e5b]")


def language_of(text: str) -> str:
    return "th" if THAI_LETTER.search(text) else "en"


def copy_sections(apps, schema_editor):
    Resource = apps.get_model("knowledge", "Resource")
    changed = []
    for resource in Resource.objects.exclude(**dict.fromkeys(SECTIONS, "")).iterator():
        for name in SECTIONS:
            text = getattr(resource, name)
            if text:
                language = language_of(text)
                setattr(resource, f"{name}_{language}", text)
                setattr(resource, f"{name}_html_{language}", getattr(resource, f"{name}_html"))
        changed.append(resource)
    fields = [
        f"{name}{part}_{lang}"
        for name in SECTIONS
        for part in ("", "_html")
        for lang in ("th", "en")
    ]
    Resource.objects.bulk_update(changed, fields, batch_size=200)


def copy_back(apps, schema_editor):
    Resource = apps.get_model("knowledge", "Resource")
    changed = []
    for resource in Resource.objects.iterator():
        for name in SECTIONS:
            for language in ("th", "en"):
                if text := getattr(resource, f"{name}_{language}"):
                    setattr(resource, name, text)
                    setattr(resource, f"{name}_html", getattr(resource, f"{name}_html_{language}"))
                    break
        changed.append(resource)
    fields = [f"{name}{part}" for name in SECTIONS for part in ("", "_html")]
    Resource.objects.bulk_update(changed, fields, batch_size=200)


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0005_funding_calls"),
    ]

    operations = [
        migrations.AddField(
            model_name="resource",
            name="actions_en",
            field=models.TextField(
                blank=True,
                help_text="Markdown.",
                validators=[network.lib.textlimits.MaxCharsValidator(10000)],
                verbose_name="what was done (English)",
            ),
        ),
        migrations.AddField(
            model_name="resource",
            name="actions_html_en",
            field=network.lib.markup.RenderedMarkdownField(source="actions_en"),
        ),
        migrations.AddField(
            model_name="resource",
            name="actions_html_th",
            field=network.lib.markup.RenderedMarkdownField(source="actions_th"),
        ),
        migrations.AddField(
            model_name="resource",
            name="actions_th",
            field=models.TextField(
                blank=True,
                help_text="Markdown.",
                validators=[network.lib.textlimits.MaxCharsValidator(10000)],
                verbose_name="what was done (Thai)",
            ),
        ),
        migrations.AddField(
            model_name="resource",
            name="climate_risk_en",
            field=models.TextField(
                blank=True,
                help_text="Markdown.",
                validators=[network.lib.textlimits.MaxCharsValidator(10000)],
                verbose_name="climate risk (English)",
            ),
        ),
        migrations.AddField(
            model_name="resource",
            name="climate_risk_html_en",
            field=network.lib.markup.RenderedMarkdownField(source="climate_risk_en"),
        ),
        migrations.AddField(
            model_name="resource",
            name="climate_risk_html_th",
            field=network.lib.markup.RenderedMarkdownField(source="climate_risk_th"),
        ),
        migrations.AddField(
            model_name="resource",
            name="climate_risk_th",
            field=models.TextField(
                blank=True,
                help_text="Markdown.",
                validators=[network.lib.textlimits.MaxCharsValidator(10000)],
                verbose_name="climate risk (Thai)",
            ),
        ),
        migrations.AddField(
            model_name="resource",
            name="contacts_en",
            field=models.TextField(
                blank=True,
                help_text="Markdown.",
                validators=[network.lib.textlimits.MaxCharsValidator(10000)],
                verbose_name="contacts (English)",
            ),
        ),
        migrations.AddField(
            model_name="resource",
            name="contacts_html_en",
            field=network.lib.markup.RenderedMarkdownField(source="contacts_en"),
        ),
        migrations.AddField(
            model_name="resource",
            name="contacts_html_th",
            field=network.lib.markup.RenderedMarkdownField(source="contacts_th"),
        ),
        migrations.AddField(
            model_name="resource",
            name="contacts_th",
            field=models.TextField(
                blank=True,
                help_text="Markdown.",
                validators=[network.lib.textlimits.MaxCharsValidator(10000)],
                verbose_name="contacts (Thai)",
            ),
        ),
        migrations.AddField(
            model_name="resource",
            name="context_en",
            field=models.TextField(
                blank=True,
                help_text="Markdown.",
                validators=[network.lib.textlimits.MaxCharsValidator(10000)],
                verbose_name="context (English)",
            ),
        ),
        migrations.AddField(
            model_name="resource",
            name="context_html_en",
            field=network.lib.markup.RenderedMarkdownField(source="context_en"),
        ),
        migrations.AddField(
            model_name="resource",
            name="context_html_th",
            field=network.lib.markup.RenderedMarkdownField(source="context_th"),
        ),
        migrations.AddField(
            model_name="resource",
            name="context_th",
            field=models.TextField(
                blank=True,
                help_text="Markdown.",
                validators=[network.lib.textlimits.MaxCharsValidator(10000)],
                verbose_name="context (Thai)",
            ),
        ),
        migrations.AddField(
            model_name="resource",
            name="lessons_en",
            field=models.TextField(
                blank=True,
                help_text="Markdown.",
                validators=[network.lib.textlimits.MaxCharsValidator(10000)],
                verbose_name="lessons (English)",
            ),
        ),
        migrations.AddField(
            model_name="resource",
            name="lessons_html_en",
            field=network.lib.markup.RenderedMarkdownField(source="lessons_en"),
        ),
        migrations.AddField(
            model_name="resource",
            name="lessons_html_th",
            field=network.lib.markup.RenderedMarkdownField(source="lessons_th"),
        ),
        migrations.AddField(
            model_name="resource",
            name="lessons_th",
            field=models.TextField(
                blank=True,
                help_text="Markdown.",
                validators=[network.lib.textlimits.MaxCharsValidator(10000)],
                verbose_name="lessons (Thai)",
            ),
        ),
        migrations.AddField(
            model_name="resource",
            name="outcomes_en",
            field=models.TextField(
                blank=True,
                help_text="Markdown.",
                validators=[network.lib.textlimits.MaxCharsValidator(10000)],
                verbose_name="outcomes (English)",
            ),
        ),
        migrations.AddField(
            model_name="resource",
            name="outcomes_html_en",
            field=network.lib.markup.RenderedMarkdownField(source="outcomes_en"),
        ),
        migrations.AddField(
            model_name="resource",
            name="outcomes_html_th",
            field=network.lib.markup.RenderedMarkdownField(source="outcomes_th"),
        ),
        migrations.AddField(
            model_name="resource",
            name="outcomes_th",
            field=models.TextField(
                blank=True,
                help_text="Markdown.",
                validators=[network.lib.textlimits.MaxCharsValidator(10000)],
                verbose_name="outcomes (Thai)",
            ),
        ),
        migrations.RunPython(copy_sections, copy_back, elidable=True),
        migrations.RemoveField(
            model_name="resource",
            name="actions",
        ),
        migrations.RemoveField(
            model_name="resource",
            name="actions_html",
        ),
        migrations.RemoveField(
            model_name="resource",
            name="climate_risk",
        ),
        migrations.RemoveField(
            model_name="resource",
            name="climate_risk_html",
        ),
        migrations.RemoveField(
            model_name="resource",
            name="contacts",
        ),
        migrations.RemoveField(
            model_name="resource",
            name="contacts_html",
        ),
        migrations.RemoveField(
            model_name="resource",
            name="context",
        ),
        migrations.RemoveField(
            model_name="resource",
            name="context_html",
        ),
        migrations.RemoveField(
            model_name="resource",
            name="lessons",
        ),
        migrations.RemoveField(
            model_name="resource",
            name="lessons_html",
        ),
        migrations.RemoveField(
            model_name="resource",
            name="outcomes",
        ),
        migrations.RemoveField(
            model_name="resource",
            name="outcomes_html",
        ),
    ]
