from celery import shared_task
from django.core.mail import EmailMultiAlternatives


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_email_message(
    *, subject: str, body: str, to: list[str], from_email: str, html: str | None = None
) -> None:
    """Send an already rendered message (account e-mails rendered by allauth in the web process)."""
    message = EmailMultiAlternatives(subject=subject, body=body, from_email=from_email, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
