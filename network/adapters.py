"""allauth hooks: account e-mails leave through Celery so a slow mail server never blocks sign-up."""

from allauth.account.adapter import DefaultAccountAdapter

from .tasks import send_email_message


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        message = self.render_mail(template_prefix, email, context)
        html = next(
            (
                content
                for content, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            None,
        )
        send_email_message.delay_on_commit(
            subject=message.subject,
            body=message.body,
            html=html,
            to=list(message.to),
            from_email=message.from_email,
        )
