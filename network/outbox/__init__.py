"""The outbox: every e-mail the portal sends is a row here before it leaves.

Apps never import this package: they call ``network.lib.emails.queue``. Rows are rendered and
recorded in the transaction that caused them; a Celery task claims each row with a conditional
UPDATE and hands it to SMTP, so retries, two workers or a beat firing twice send it once.
"""
