"""A task worker killed (SIGKILL) in the middle of a batch of mails: a reply to a thread with 60 followers,
three delivery tasks of 20, and the worker killed while the SMTP server holds its answer to the 25th mail (the
server has the mail, the worker does not know it left: the moment a resend would duplicate it). A new worker
is started, and the outbox's sweeper runs every few seconds, as the scheduler runs it every five minutes
(here it takes a task for lost, and a mail "sending" for interrupted, after a minute). Targets: every mail at
the server exactly once, the interrupted one not sent again (it is marked failed for staff, who see that it
may have left), the rest of the cut batch delivered after the restart, the cut task run again."""

import time
from collections import Counter

from perf.harness.mail_cast import cast_in, followers_mails, posts_in
from perf.harness.processes import log, until
from perf.resilience.drill import Drill
from perf.resilience.mail_rig import MailRig

NAME = "6 worker killed"
PREFIX = "mail-kill"
FOLLOWERS = 60  # three delivery tasks of MAIL_BATCH_SIZE (20 in the drill)
KILL_AT = 25  # the fifth mail of the second delivery task
SERVER_DELAY = 0.02  # seconds the server takes per mail, so that the worker is mid-batch for a while
SWEEP_EVERY = 5.0
RECOVERY_TIMEOUT = 180.0


def run(drill: Drill) -> None:
    log(f"scenario 6: a worker killed in the middle of a batch of {FOLLOWERS} mails")
    with MailRig(drill, "kill", delay=SERVER_DELAY) as rig:
        _run(drill, rig)


def _run(drill: Drill, rig: MailRig) -> None:
    rig.drain()
    cast = cast_in(rig.env, PREFIX, officers=1, followers=FOLLOWERS)
    a = drill.servers[0]
    officer = rig.login(cast["officers"][0], a)
    thread = cast["threads"][0]
    rig.sink.hold(at=KILL_AT)
    first = rig.worker("1")
    _, posted = rig.reply(officer, a.base, thread["url"], "A reply whose mails a dying worker delivers.")
    drill.check(NAME, "reply acknowledged", posted.status, "302", posted.status == 302)

    held = rig.sink.holding.wait(60)
    first.kill()
    rig.sink.release()
    at_kill = rig.sink.count()
    log(f"  worker killed (SIGKILL) with {at_kill} mails at the server, the last one not answered")
    expected = followers_mails(cast, posts_in(rig.env, [thread["id"]]))
    rows = rig.outbox(PREFIX)
    in_flight = [key for key, row in rows.items() if row.state == "sending"]
    drill.check(
        NAME,
        "killed in the middle of a batch",
        f"{at_kill}/{len(expected)} at the server, {len(in_flight)} 'sending'",
        f"{KILL_AT} at the server, 1 'sending'",
        held and at_kill == KILL_AT and len(in_flight) == 1,
    )

    rig.worker("2")
    restarted_at = time.monotonic()
    swept: Counter = Counter()

    def settled() -> bool:
        swept.update(rig.sweep())
        return rig.idle()

    recovered = until(settled, RECOVERY_TIMEOUT, SWEEP_EVERY)
    last = max((message.at for message in rig.sink.messages), default=restarted_at) - restarted_at
    drill.check(
        NAME,
        "queue settled after the restart",
        f"last mail +{last:.1f}s, swept {dict(swept)}" if recovered else f"not within {RECOVERY_TIMEOUT:.0f}s",
        "all done; the cut task run again",
        recovered and swept["rerun"] >= 1,
    )
    rig.check_sink(NAME, expected)
    rows = rig.outbox(PREFIX)
    states = Counter(rows[key].state for key in expected if key in rows)
    interrupted = [rows[key].state for key in in_flight]
    drill.check(
        NAME,
        "outbox afterwards",
        f"{dict(states)}; the interrupted mail: {interrupted}",
        f"{FOLLOWERS - 1} sent, the interrupted one failed",
        states == Counter(sent=FOLLOWERS - 1, failed=1) and interrupted == ["failed"],
    )
