from django.db import migrations


def load(apps, schema_editor):
    from members.data import PROVINCES, TOPICS

    Province = apps.get_model("members", "Province")
    Topic = apps.get_model("members", "Topic")
    for code, name_th, name_en, region in PROVINCES:
        Province.objects.update_or_create(
            code=code, defaults={"name_th": name_th, "name_en": name_en, "region": region}
        )
    for position, (slug, name_th, name_en) in enumerate(TOPICS):
        Topic.objects.update_or_create(
            slug=slug, defaults={"name_th": name_th, "name_en": name_en, "position": position}
        )


def coordinators_group(apps, schema_editor):
    # Permissions are created after migrations; the group is filled by `load_demo`/admin.
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name="Coordinators")


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
        migrations.RunPython(coordinators_group, migrations.RunPython.noop),
    ]
