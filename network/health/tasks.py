from celery import shared_task


@shared_task
def compute_network_health() -> str:
    """The beat schedule's job: compute and store the dashboard's figures."""
    from .compute import compute_and_store

    return compute_and_store().summary
