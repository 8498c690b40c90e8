"""A real local SMTP server (aiosmtpd) whose replies a test scripts: "451 …" then "250 OK"…"""

import socket
from collections import deque

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ScriptedHandler:
    """Answers DATA with the next scripted reply (then "250 OK" forever) and keeps what it accepted."""

    def __init__(self, replies=()):
        self.replies = deque(replies)
        self.accepted: list[tuple[list[str], bytes]] = []
        self.attempts = 0

    async def handle_DATA(self, server, session, envelope):
        self.attempts += 1
        reply = self.replies.popleft() if self.replies else "250 OK"
        if reply.startswith("250"):
            self.accepted.append((list(envelope.rcpt_tos), envelope.content))
        return reply


class SMTPServer:
    def __init__(self, replies=()):
        self.handler = ScriptedHandler(replies)
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    @property
    def accepted(self):
        return self.handler.accepted

    def use_in(self, settings) -> None:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = self.port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_TIMEOUT = 5
