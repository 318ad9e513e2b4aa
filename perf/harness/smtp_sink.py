"""A real SMTP server on a free loopback port that keeps what it receives (aiosmtpd), for the tools to count
the mails the portal's workers deliver: per Message-ID, per recipient. It can be stopped and started again on
the same port (a mail server's outage), made slow (`delay` before each answer to DATA), and told to hold its
answer to the n-th message (`hold_at`) until released, so that a drill knows a worker is in the middle of a
batch, with the server holding a mail the worker has not heard back about.

A message counts as received once its DATA has arrived, before the server answers: a mail whose sender died
waiting for that answer is at the sink, as it would be at a real server that had already taken it.
"""

import asyncio
import threading
import time
from collections import Counter
from dataclasses import dataclass
from email.parser import BytesHeaderParser

from aiosmtpd.controller import Controller

from perf.harness.processes import HOST, free_port

HOLD_AT_MOST = 60.0  # seconds a held answer waits for release


@dataclass(frozen=True)
class Received:
    message_id: str
    recipients: tuple[str, ...]
    subject: str
    at: float  # time.monotonic()


class _Handler:
    def __init__(self, sink: "SmtpSink"):
        self.sink = sink

    async def handle_DATA(self, server, session, envelope) -> str:
        headers = BytesHeaderParser().parsebytes(envelope.original_content or envelope.content)
        received = Received(
            message_id=str(headers.get("Message-ID", "")).strip(),
            recipients=tuple(address.lower() for address in envelope.rcpt_tos),
            subject=str(headers.get("Subject", "")),
            at=time.monotonic(),
        )
        number = self.sink.record(received)
        if self.sink.delay:
            await asyncio.sleep(self.sink.delay)
        if number == self.sink.hold_at:
            self.sink.holding.set()
            deadline = time.monotonic() + HOLD_AT_MOST
            while not self.sink.released.is_set() and time.monotonic() < deadline:
                await asyncio.sleep(0.02)
        return "250 Message accepted for delivery"


class SmtpSink:
    """`start()`, `stop()`, `start()` again: the same port each time. `messages` holds what arrived, in order."""

    def __init__(self, *, delay: float = 0.0):
        self.port = free_port()
        self.delay = delay
        self.hold_at: int | None = None
        self.holding = threading.Event()  # set when the hold_at-th message has arrived
        self.released = threading.Event()
        self.messages: list[Received] = []
        self._lock = threading.Lock()
        self._controller: Controller | None = None

    def settings(self) -> dict:
        """The portal's environment for sending its mail here."""
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": HOST,
            "EMAIL_PORT": str(self.port),
            "EMAIL_USE_TLS": "false",
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
        }

    @property
    def running(self) -> bool:
        return self._controller is not None

    def start(self) -> None:
        if self._controller is None:
            controller = Controller(_Handler(self), hostname=HOST, port=self.port, ready_timeout=10)
            controller.start()
            self._controller = controller

    def stop(self) -> None:
        """Closes the port; a connection in the middle of a mail is cut."""
        self.released.set()
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def hold(self, at: int) -> None:
        """Hold the answer to the `at`-th message from now (counted from the start) until `release()`."""
        self.holding.clear()
        self.released.clear()
        self.hold_at = len(self.messages) + at

    def release(self) -> None:
        self.released.set()
        self.hold_at = None

    def record(self, received: Received) -> int:
        with self._lock:
            self.messages.append(received)
            return len(self.messages)

    def clear(self) -> None:
        with self._lock:
            self.messages.clear()

    def count(self) -> int:
        return len(self.messages)

    def by_message_id(self) -> Counter:
        return Counter(message.message_id for message in list(self.messages))

    def by_recipient(self) -> Counter:
        return Counter(address for message in list(self.messages) for address in message.recipients)
