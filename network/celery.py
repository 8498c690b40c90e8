"""The Celery application: tasks live in each app's ``tasks.py``; Redis is the broker."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings")

app = Celery("network")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Network health and recognition are packages inside the network app, with their own tasks.
app.autodiscover_tasks(["network.health", "network.recognition"])
