"""Mail servers that misbehave, as email backends: the outside world, the one thing the tests stand in for."""

import smtplib
import socket

from django.core.mail.backends.base import BaseEmailBackend


def closed_port() -> int:
    """A port on this machine where nothing listens: connecting to it is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RefusingServer(BaseEmailBackend):
    """Refuses every recipient for good: "550 no such mailbox"."""

    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"5.1.1 no such mailbox") for message in messages})


class WorkerKilled(BaseException):
    """The worker's process dies (SIGKILL, power cut) while the server has the mail."""


class ServerDuringWhichTheWorkerDies(BaseEmailBackend):
    def send_messages(self, messages):
        raise WorkerKilled
