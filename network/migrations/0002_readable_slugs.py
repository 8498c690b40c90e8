"""Resources and organisations whose Thai-only titles got "resource-3" or "organisation-2" take a
readable slug (the romanised Thai title); their old addresses redirect to the new ones."""

import re

from django.conf import settings
from django.db import migrations

from network.lib.thai import slug_text

LEGACY = {
    # app, model, fallback slug, path prefix, title fields (English first)
    ("knowledge", "Resource"): ("resource", "/knowledge/", ("title_en", "title_th"), 80),
    ("members", "Organisation"): ("organisation", "/members/", ("name_en", "name_th"), 70),
}
LANGUAGE_PREFIXES = ("", "/en")


def readable_slugs(apps, schema_editor):
    Redirect = apps.get_model("redirects", "Redirect")
    Site = apps.get_model("sites", "Site")
    for (app_label, model_name), (fallback, prefix, fields, length) in LEGACY.items():
        model = apps.get_model(app_label, model_name)
        pattern = re.compile(rf"^{fallback}(-\d+)?$")
        taken = set(model.objects.values_list("slug", flat=True))
        for row in model.objects.filter(slug__regex=rf"^{fallback}(-[0-9]+)?$").order_by("pk"):
            if not pattern.match(row.slug):
                continue
            base = slug_text(*(getattr(row, field) for field in fields))[:length].strip("-")
            if not base:
                continue
            slug, n = base, 2
            while slug in taken:
                slug, n = f"{base}-{n}", n + 1
            site, _ = Site.objects.get_or_create(
                pk=settings.SITE_ID, defaults={"domain": "localhost", "name": "localhost"}
            )
            for language in LANGUAGE_PREFIXES:
                Redirect.objects.update_or_create(
                    site=site,
                    old_path=f"{language}{prefix}{row.slug}/",
                    defaults={"new_path": f"{language}{prefix}{slug}/"},
                )
            taken.discard(row.slug)
            taken.add(slug)
            row.slug = slug
            row.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0001_initial"),
        ("knowledge", "0001_initial"),
        ("members", "0003_climate_profile_structure_joining"),
        ("redirects", "0002_alter_redirect_new_path_help_text"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(readable_slugs, migrations.RunPython.noop)]
