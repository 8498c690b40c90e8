"""Announcements (and surveys) may go to the people who attended an event, and the beat asks
each ended event's attendees for feedback once (knowledge/surveys.py). Times are Asia/Bangkok."""

import json

from django.db import migrations, models

SCHEDULE = [
    # name, task, crontab (minute, hour)
    ("surveys: event feedback", "knowledge.tasks.send_event_feedback", ("20", "*")),
]


def create(apps, schema_editor):
    from django.utils import timezone

    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    for name, task, (minute, hour) in SCHEDULE:
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=minute,
            hour=hour,
            day_of_week="*",
            day_of_month="*",
            month_of_year="*",
            timezone="Asia/Bangkok",
        )
        PeriodicTask.objects.update_or_create(
            name=name,
            defaults={
                "task": task,
                "crontab": crontab,
                "interval": None,
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
        ("network", "0006_honour_is_example"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.AlterField(
            model_name="announcement",
            name="segment",
            field=models.CharField(
                choices=[
                    ("all", "All members"),
                    ("region", "Members in a region"),
                    ("organisation_kind", "Members of one kind of organisation"),
                    ("topic", "Members interested in a topic"),
                    ("event", "People registered for an event"),
                    ("event_attendees", "People who attended an event"),
                    ("editors", "Organisation editors only"),
                ],
                default="all",
                max_length=20,
                verbose_name="send to",
            ),
        ),
        migrations.RunPython(create, remove),
    ]
