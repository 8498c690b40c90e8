"""A real local SMTP server (aiosmtpd) whose replies a test scripts: "451 …" then "250 OK"…

The reply "HANG" holds the message without answering until ``release()``, so a test can kill the
sending process while its message is in flight; a held message is never counted as accepted.
"""

import asyncio
import socket
import threading
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
        self.sessions: list = []  # one per SMTP connection that sent a message (kept: ids stay unique)
        self.hanging = threading.Event()
        self.released = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.attempts += 1
        if not any(seen is session for seen in self.sessions):
            self.sessions.append(session)
        reply = self.replies.popleft() if self.replies else "250 OK"
        if reply == "HANG":
            self.hanging.set()
            while not self.released.is_set():
                await asyncio.sleep(0.05)
            return "451 4.4.2 Held by the test"
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
        self.handler.released.set()
        self.controller.stop()

    def release(self) -> None:
        self.handler.released.set()

    @property
    def accepted(self):
        return self.handler.accepted

    def use_in(self, settings) -> None:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = self.port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_TIMEOUT = 5
