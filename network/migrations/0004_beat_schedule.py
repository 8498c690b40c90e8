"""The one beat schedule, kept in the database (django-celery-beat) and created here, not by hand.

Run exactly one beat (docs/emails.md). Times are Asia/Bangkok.
"""

import json

from django.db import migrations

SCHEDULE = [
    # name, task, interval seconds or crontab (minute, hour, day_of_week, day_of_month)
    ("outbox: sweep", "network.tasks.deliver_outbox", 60, None),
    ("reminders", "network.tasks.send_reminders", None, ("5", "*", "*", "*")),
    ("digest: daily", "network.tasks.send_daily_digests", None, ("0", "7", "*", "*")),
    ("digest: weekly", "network.tasks.send_weekly_digests", None, ("0", "7", "1", "*")),
    ("digest: monthly", "network.tasks.send_monthly_digests", None, ("0", "7", "*", "1")),
]


def create(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    for name, task, seconds, cron in SCHEDULE:
        fields = {"task": task, "args": json.dumps([]), "kwargs": json.dumps({}), "enabled": True}
        if seconds:
            fields["interval"], _ = IntervalSchedule.objects.get_or_create(
                every=seconds, period="seconds"
            )
            fields["crontab"] = None
        else:
            minute, hour, day_of_week, day_of_month = cron
            fields["crontab"], _ = CrontabSchedule.objects.get_or_create(
                minute=minute,
                hour=hour,
                day_of_week=day_of_week,
                day_of_month=day_of_month,
                month_of_year="*",
                timezone="Asia/Bangkok",
            )
            fields["interval"] = None
        PeriodicTask.objects.update_or_create(name=name, defaults=fields)
    # Tell a running beat that the schedule changed.
    from django.utils import timezone

    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def remove(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=[name for name, *_ in SCHEDULE]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0003_announcements"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create, remove)]
