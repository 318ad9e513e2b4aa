"""What the mail drills share: a real SMTP server (perf.harness.smtp_sink) that the portal's task workers
(perf.harness.workers) deliver to, on the drill's database, with retries and the sweeper's delays short
enough for a drill; the people who post and sign (perf.harness.mail_cast) and their requests; the queue and
the outbox read with SQL; and the checks made at the SMTP server, where a mail is counted by its Message-ID,
which is the hash of its outbox idempotency key.
"""

import contextlib
import json
from collections import Counter
from dataclasses import dataclass

from perf.harness.browser import Answer, Browser
from perf.harness.gunicorn import Gunicorn
from perf.harness.mail_cast import PASSWORD, message_id_local_part
from perf.harness.processes import last_json_line, log, manage, until
from perf.harness.smtp_sink import SmtpSink
from perf.harness.workers import TaskWorker
from perf.resilience.drill import Drill, sign_data

# Production waits minutes; a drill, seconds. Tried again after 1, 3, 9, 27… s. The sweeper takes a task
# running for a minute for lost, fails a mail "sending" for a minute and queues again a mail due a minute ago.
DRILL_SETTINGS = {
    "EMAIL_TIMEOUT": "5",
    "MAIL_RETRY_SECONDS": "1",
    "MAIL_BATCH_SIZE": "20",
    "TASKS_STALE_MINUTES": "1",
    "MAIL_INTERRUPTED_MINUTES": "1",
    "MAIL_LOST_MINUTES": "1",
}
TASKS = "django_tasks_database_dbtaskresult"
DRAIN_TIMEOUT = 300.0


@dataclass(frozen=True)
class Row:
    """An outbox mail as the drill reads it."""

    key: str
    to_email: str
    template: str
    state: str
    attempts: int


class MailRig:
    """One drill's SMTP server and the workers that deliver to it (`worker()`): `with MailRig(drill, name) as
    rig:` starts the server, and stops the workers and the server when the drill ends, however it ends."""

    def __init__(self, drill: Drill, name: str, *, delay: float = 0.0):
        self.drill, self.name = drill, name
        self.sink = SmtpSink(delay=delay)
        self.env = drill.env | self.sink.settings() | DRILL_SETTINGS
        self._stack = contextlib.ExitStack()

    def __enter__(self) -> "MailRig":
        self._stack.callback(self.sink.stop)
        self.sink.start()
        log(f"  SMTP server (aiosmtpd) on port {self.sink.port}")
        return self

    def __exit__(self, *exc) -> None:
        self._stack.close()  # the workers first, then the server

    def worker(self, worker_id: str) -> TaskWorker:
        worker = TaskWorker(f"{self.name}-{worker_id}", self.env, logdir=self.drill.workdir)
        self._stack.callback(worker.stop)
        return worker.start()

    def sweep(self) -> dict:
        """The outbox's sweeper once, as the scheduler runs it every five minutes."""
        return last_json_line(manage(self.env, "outbox", "sweep", timeout=120))

    # -- the queue and the outbox
    def busy_tasks(self) -> int:
        return int(self.drill.sql(f"SELECT count(*) FROM {TASKS} WHERE status IN ('READY', 'RUNNING')"))  # noqa: S608

    def idle(self) -> bool:
        """No task waiting or running, no mail queued or being sent."""
        unsettled = self.drill.sql("SELECT count(*) FROM core_outboxmail WHERE state IN ('queued', 'sending')")
        return int(unsettled) == 0 and self.busy_tasks() == 0

    def drain(self) -> None:
        """The mails earlier drills queued (their applications' acknowledgements) delivered first, by a worker of
        its own, so that the server counts this drill's mails alone."""
        worker = self.worker("drain")
        drained = until(self.idle, DRAIN_TIMEOUT, 0.5)
        worker.stop()
        if not drained:
            raise RuntimeError(f"the queue was not empty after {DRAIN_TIMEOUT:.0f}s")
        log(f"  {self.sink.count()} mails queued by earlier drills delivered first")
        self.sink.clear()

    def outbox(self, prefix: str) -> dict[str, Row]:
        """The outbox mails to the addresses that start with `prefix`, by idempotency key."""
        if not prefix.replace("-", "").isalnum():
            raise ValueError(f"an address prefix of letters, digits and -, not {prefix!r}")
        columns = "key, to_email, template, state, attempts"
        query = f"SELECT {columns} FROM core_outboxmail WHERE to_email LIKE '{prefix}%' ORDER BY id"  # noqa: S608
        lines = self.drill.sql(query).splitlines()
        rows = [Row(*fields[:4], int(fields[4])) for fields in (line.split("|") for line in lines if line)]
        return {row.key: row for row in rows}

    def all_sent(self, prefix: str, expected: dict[str, str]) -> bool:
        rows = self.outbox(prefix)
        return all(key in rows and rows[key].state == "sent" for key in expected)

    def tasks_since(self, moment: str) -> list[tuple[str, str, list]]:
        """(task, status, ids of the workers that claimed it) of each task queued since `moment` (database time)."""
        query = f"SELECT task_path, status, worker_ids::text FROM {TASKS} WHERE enqueued_at >= '{moment}'"  # noqa: S608
        lines = self.drill.sql(query + " ORDER BY enqueued_at").splitlines()
        return [(path, status, json.loads(ids)) for path, status, ids in (line.split("|", 2) for line in lines)]

    def now(self) -> str:
        return self.drill.sql("SELECT now()")

    @staticmethod
    def confirmations(rows: dict[str, Row], politicians: list[str]) -> dict[str, str]:
        """{key: address} of the mails that ask the signers to confirm their signature."""
        return {
            row.key: row.to_email
            for row in rows.values()
            if row.template == "ambassadors/emails/confirm" and row.to_email in politicians
        }

    # -- the people's requests
    def login(self, address: str, server: Gunicorn) -> Browser:
        browser = self.drill.browser()
        if browser.login(server.base, address, PASSWORD).status != 302:
            raise RuntimeError(f"could not log in {address}")
        return browser

    @staticmethod
    def reply(browser: Browser, base: str, thread_url: str, body: str) -> list[Answer]:
        """The thread's page read, a reply posted through its form: both answers."""
        page, token = browser.form(base + thread_url)
        return [page, browser.post(f"{base}{thread_url}reply/", {"csrfmiddlewaretoken": token, "body": body})]

    @staticmethod
    def sign(browser: Browser, base: str, full_name: str) -> list[Answer]:
        """The declaration signed through its form (the form's page read first): both answers."""
        url = f"{base}/ambassadors/declaration/sign/"
        page, token = browser.form(url)
        return [page, browser.post(url, sign_data(page.text, token, full_name))]

    # -- the checks at the SMTP server
    def check_sink(self, scenario: str, expected: dict[str, str]) -> bool:
        """Each of the `expected` mails ({key: address}) arrived exactly once, each person got as many mails as
        they were expected to, and no message arrived twice."""
        by_id = Counter(mid.strip("<>").partition("@")[0] for mid in self.sink.by_message_id().elements())
        counts = [by_id[message_id_local_part(key)] for key in expected]
        missing, twice = counts.count(0), sum(1 for count in counts if count > 1)
        ok = self.drill.check(
            scenario,
            "expected mails at the SMTP server",
            f"{counts.count(1)}/{len(expected)} once, {missing} missing, {twice} more than once",
            "each exactly once",
            counts.count(1) == len(expected),
        )
        wanted, received = Counter(expected.values()), self.sink.by_recipient()
        wrong = {address: received[address] for address in wanted if received[address] != wanted[address]}
        ok &= self.drill.check(
            scenario,
            "recipients with the expected number of mails",
            f"{len(wanted) - len(wrong)}/{len(wanted)}" + (f" wrong: {dict(list(wrong.items())[:3])}" if wrong else ""),
            "all",
            not wrong,
        )
        repeated = sum(1 for count in self.sink.by_message_id().values() if count > 1)
        ok &= self.drill.check(
            scenario,
            "messages received twice (any mail)",
            f"{repeated} of {self.sink.count()} received",
            "0",
            repeated == 0,
        )
        return ok
