"""The Celery application: tasks live in each app's ``tasks.py``; Redis is the broker."""

import logging
import os
import time

from celery import Celery, Task
from django.db import transaction

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings")

logger = logging.getLogger("network.celery")


class ResilientTask(Task):
    """A task whose ``delay_on_commit`` never raises into the request that committed.

    The write has committed by the time the task is sent; when the broker is unreachable the
    member must still be told that it worked. The failure is logged, and the task's
    ``on_enqueue_failure(*args, **kwargs)`` (when it has one) records or repairs what it can; work
    that must not be lost is recorded in PostgreSQL before the commit (the search index's
    ``PendingIndex``, the e-mail outbox) and swept by a periodic task when the broker is back.
    """

    abstract = True
    on_enqueue_failure = None
    # After a refusal, this process does not try the broker again for this long: each request
    # would otherwise wait on the connection attempts again.
    BROKER_RETRY_SECONDS = 2.0
    _broker_down_until = 0.0

    def delay_on_commit(self, *args, **kwargs):
        transaction.on_commit(lambda: self.delay_or_record(*args, **kwargs))

    def delay_or_record(self, *args, **kwargs):
        """``delay()`` that logs and returns None instead of raising when the broker is down."""
        if self.app.conf.task_always_eager:
            return self.delay(*args, **kwargs)  # tests: the task's own errors must surface
        try:
            if time.monotonic() < ResilientTask._broker_down_until:
                raise ConnectionError("the broker refused a moment ago")
            return self.delay(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 - kombu raises many kinds; all mean "not sent"
            ResilientTask._broker_down_until = time.monotonic() + self.BROKER_RETRY_SECONDS
            logger.error("Could not enqueue %s: %s: %s", self.name, type(error).__name__, error)
            if self.on_enqueue_failure is not None:
                try:
                    self.on_enqueue_failure(*args, **kwargs)
                except Exception:  # noqa: BLE001 - the request still succeeded
                    logger.exception("Recording the unsent %s failed", self.name)
            return None


app = Celery("network", task_cls=ResilientTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Network health and recognition are packages inside the network app, with their own tasks.
app.autodiscover_tasks(["network.health", "network.recognition"])
