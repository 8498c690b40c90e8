"""Joins the outbox, network-health, database-cache and readable-slug migrations, and adds the periodic work of
network health, recognition and the search sweep to the one beat schedule in the database (the
outbox's schedule is created in 0004_beat_schedule). Times are Asia/Bangkok."""

from django.db import migrations


SCHEDULE = [
    # name, task, interval in seconds
    ("network health", "network.health.tasks.compute_network_health", 3 * 60 * 60),
    ("recognition", "network.recognition.tasks.rebuild_recognition", 6 * 60 * 60),
    ("search: sweep pending refreshes", "network.search.tasks.sweep_pending_index", 5 * 60),
]


def create(apps, schema_editor):
    import json

    from django.utils import timezone

    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    for name, task, seconds in SCHEDULE:
        interval, _ = IntervalSchedule.objects.get_or_create(every=seconds, period="seconds")
        PeriodicTask.objects.update_or_create(
            name=name,
            defaults={
                "task": task,
                "interval": interval,
                "crontab": None,
                "args": json.dumps([]),
                "kwargs": json.dumps({}),
                "enabled": True,
            },
        )
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def remove(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=[name for name, *_ in SCHEDULE]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0002_database_cache_table"),
        ("network", "0002_health_and_recognition"),
        ("network", "0002_readable_slugs"),
        ("network", "0004_beat_schedule"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create, remove)]
