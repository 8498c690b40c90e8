"""The beat schedule comes from a migration and names tasks that exist."""

import pytest
from django_celery_beat.models import PeriodicTask

from network.celery import app

pytestmark = pytest.mark.django_db


def test_the_migration_creates_the_schedule_of_registered_tasks():
    tasks = {t.name: t for t in PeriodicTask.objects.all()}
    assert set(tasks) >= {
        "outbox: sweep",
        "reminders",
        "digest: daily",
        "digest: weekly",
        "digest: monthly",
        "surveys: event feedback",
    }
    app.loader.import_default_modules()
    for periodic in tasks.values():
        assert periodic.task in app.tasks, periodic.task
        assert periodic.enabled
    assert tasks["outbox: sweep"].interval.every == 60
    weekly = tasks["digest: weekly"].crontab
    assert (weekly.minute, weekly.hour, weekly.day_of_week) == ("0", "7", "1")
    assert str(weekly.timezone) == "Asia/Bangkok"
    feedback = tasks["surveys: event feedback"].crontab
    assert (feedback.minute, feedback.hour) == ("20", "*")
