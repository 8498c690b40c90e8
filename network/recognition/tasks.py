from celery import shared_task


@shared_task
def rebuild_recognition() -> dict:
    """The beat schedule's job: recompute points, levels and badges from the records."""
    from .points import rebuild

    return rebuild()
