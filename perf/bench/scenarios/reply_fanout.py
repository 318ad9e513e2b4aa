"""Reply fan-out: how fast one task worker delivers the mails of one reply to a thread with 200 followers, to a
real SMTP server on loopback (perf/harness/smtp_sink.py). A verified officer replies through the thread's form
on the full data's server; the worker (`manage.py db_worker`, MAIL_BATCH_SIZE as in production) finds the
followers, writes their mails in batches and delivers them. The figure is mails/s from the reply's POST to the
last mail at the server; issue 13 sets no target for it, so only a reply not acknowledged or a mail that does
not arrive is marked. The followers are made for the measure and removed after it; what earlier measures left
in the queue (the busy day's replies, which no worker runs) is removed before it."""

import time

from perf.bench.portal import Bench
from perf.bench.table import Section, cell
from perf.harness.browser import Browser
from perf.harness.mail_cast import PASSWORD, call_in, cast_in
from perf.harness.processes import log, until
from perf.harness.smtp_sink import SmtpSink
from perf.harness.workers import TaskWorker

NAME = "reply_fanout"
FOLLOWERS = 200
TIMEOUT = 180.0
COLUMNS = ["reply to a thread", "followers", "delivered", "seconds", "mails/s", "reply POST"]


def run(bench: Bench) -> Section:
    portal = bench.full
    sink = SmtpSink()
    sink.start()
    env = portal.env | sink.settings()
    prefix = f"fanout-{time.strftime('%Y%m%d%H%M%S')}"
    try:
        cleared = call_in(env, "clear_queue")
        log(f"reply fan-out: removed what earlier measures left in the queue: {cleared}")
        result = _measure(bench, env, sink, cast_in(env, prefix, officers=1, followers=FOLLOWERS))
    finally:
        sink.stop()
        call_in(env, "remove", prefix)
    misses = [name for name, missed in (("post", result["post"] != 302), ("delivered", not result["all"])) if missed]
    result["misses"] = misses
    bench.results[NAME] = result
    log(f"reply fan-out: {result['delivered']} mails in {result['seconds']:.1f}s ({result['mails_per_s']:.0f}/s)")
    section = Section("Reply fan-out (full data): one worker delivers a reply's mails to an SMTP server", COLUMNS)
    section.rows.append(
        [
            "one reply",
            str(FOLLOWERS),
            cell(result["delivered"], "{}", "delivered" in misses),
            cell(result["seconds"], "{:.1f}"),
            cell(result["mails_per_s"], "{:.0f}"),
            cell(result["post"], "{}", "post" in misses),
        ]
    )
    section.shortfalls = [f"reply fan-out: {', '.join(misses)}"] if misses else []
    return section


def _measure(bench: Bench, env: dict, sink: SmtpSink, cast: dict) -> dict:
    base, thread = bench.full.server.base, cast["threads"][0]
    worker = TaskWorker("fanout", env, logdir=bench.workdir).start()
    officer = Browser(timeout=30)
    try:
        if officer.login(base, cast["officers"][0], PASSWORD).status != 302:
            raise RuntimeError("reply fan-out: the officer could not log in")
        _, token = officer.form(base + thread["url"])
        started = time.monotonic()
        posted = officer.post(f"{base}{thread['url']}reply/", {"csrfmiddlewaretoken": token, "body": "Fan-out."})
        delivered = until(lambda: sink.count() >= FOLLOWERS, TIMEOUT, 0.05)
        seconds = max((message.at for message in sink.messages), default=time.monotonic()) - started
    finally:
        officer.close()
        worker.stop()
    return {
        "followers": FOLLOWERS,
        "delivered": sink.count(),
        "all": delivered and sink.count() == FOLLOWERS,
        "seconds": round(seconds, 2),
        "mails_per_s": round(sink.count() / seconds, 1) if seconds > 0 else 0.0,
        "post": posted.status,
    }
