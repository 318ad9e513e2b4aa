"""The mail server down (a real SMTP server, stopped) while officers post replies in threads others follow and
political representatives sign the declaration, over A and B with a task worker running: every request is
answered at once and well (no 5xx, p99 < 1 s), since no request talks to the mail server; the worker tries
each mail while the server is down and puts it off (after 1, 3, 9… s in the drill). Once the server is back,
every mail arrives within a minute, and each recipient gets each of their mails exactly once (counted at the
server by Message-ID, which is the outbox's idempotency key)."""

import time
from concurrent.futures import ThreadPoolExecutor

from perf.harness.mail_cast import cast_in, followers_mails, posts_in
from perf.harness.processes import log, until
from perf.resilience.drill import Drill, p99
from perf.resilience.mail_rig import MailRig

NAME = "5 mail server down"
PREFIX = "mail-outage"
OFFICERS, REPLIES_EACH, POLITICIANS, FOLLOWERS, THREADS = 3, 4, 4, 24, 2
DOWN_AT_LEAST = 10.0  # seconds: several attempts fail
P99_TARGET = 1.0
DELIVERY_TARGET = 60.0  # seconds after the server's return; its longest wait for a retry by then is 27 s


def run(drill: Drill) -> None:
    log("scenario 5: the mail server down while officers reply in followed threads and representatives sign")
    with MailRig(drill, "outage") as rig:
        _run(drill, rig)


def _run(drill: Drill, rig: MailRig) -> None:
    rig.drain()
    cast = cast_in(rig.env, PREFIX, officers=OFFICERS, followers=FOLLOWERS, politicians=POLITICIANS, threads=THREADS)
    servers = drill.servers
    officers = [rig.login(address, servers[n % 2]) for n, address in enumerate(cast["officers"])]
    politicians = [rig.login(address, servers[n % 2]) for n, address in enumerate(cast["politicians"])]
    rig.worker("1")

    rig.sink.stop()
    down_at = time.monotonic()
    log("  SMTP server stopped")

    def replies(number: int) -> list:
        answers = []
        for turn in range(REPLIES_EACH):
            thread = cast["threads"][(number + turn) % THREADS]
            body = f"Reply {turn} of officer {number} while the mail server is down."
            answers += rig.reply(officers[number], servers[turn % 2].base, thread["url"], body)
        return answers

    def signs(number: int) -> list:
        return rig.sign(politicians[number], servers[number % 2].base, f"Mayor {number} of the outage")

    with ThreadPoolExecutor(max_workers=OFFICERS + POLITICIANS) as pool:
        jobs = [pool.submit(replies, n) for n in range(OFFICERS)] + [pool.submit(signs, n) for n in range(POLITICIANS)]
        answers = [answer for job in jobs for answer in job.result(timeout=120)]
    _check_requests(drill, answers)

    posts = posts_in(rig.env, [thread["id"] for thread in cast["threads"]])
    expected = followers_mails(cast, posts) | rig.confirmations(rig.outbox(PREFIX), cast["politicians"])
    _check_tried_while_down(drill, rig, expected, down_at)
    _check_delivered_after_return(drill, rig, expected, down_at)


def _check_tried_while_down(drill: Drill, rig: MailRig, expected: dict, down_at: float) -> None:
    rows = rig.outbox(PREFIX)

    def all_tried() -> bool:
        rows.update(rig.outbox(PREFIX))
        return all(key in rows and rows[key].attempts >= 1 for key in expected)

    until(all_tried, 60, 0.5)
    time.sleep(max(0.0, DOWN_AT_LEAST - (time.monotonic() - down_at)))
    rows = rig.outbox(PREFIX)
    attempts = sum(rows[key].attempts for key in expected if key in rows)
    states = sorted({rows[key].state for key in expected if key in rows})
    drill.check(
        NAME,
        "mails tried while the server was down",
        f"{sum(key in rows for key in expected)}/{len(expected)} tried {attempts} times, {'/'.join(states)}",
        "all written and tried, none sent",
        all(key in rows and rows[key].attempts >= 1 and rows[key].state != "sent" for key in expected),
    )


def _check_delivered_after_return(drill: Drill, rig: MailRig, expected: dict, down_at: float) -> None:
    rig.sink.start()
    back_at = time.monotonic()
    log(f"  SMTP server started again after {back_at - down_at:.1f}s")
    delivered = until(lambda: rig.all_sent(PREFIX, expected) and rig.idle(), DELIVERY_TARGET + 30, 0.5)
    last = max((message.at for message in rig.sink.messages), default=back_at) - back_at
    drill.check(
        NAME,
        "every mail delivered after the server's return",
        f"{rig.sink.count()} mails, the last {last:.1f}s after" if delivered else "not all within 90 s",
        f"< {DELIVERY_TARGET:.0f} s",
        delivered and last < DELIVERY_TARGET,
    )
    rig.check_sink(NAME, expected)


def _check_requests(drill: Drill, answers: list) -> None:
    statuses = {}
    for answer in answers:
        statuses[answer.status] = statuses.get(answer.status, 0) + 1
    drill.check(
        NAME,
        "pages and POSTs (replies, signatures) while the mail server is down",
        dict(sorted(statuses.items())),
        "200 and 302 only",
        bool(answers) and set(statuses) <= {200, 302},
    )
    posted = [answer for answer in answers[1::2]]
    drill.check(
        NAME,
        "replies and signatures acknowledged",
        f"{sum(answer.status == 302 for answer in posted)}/{OFFICERS * REPLIES_EACH + POLITICIANS}",
        "all 302",
        len(posted) == OFFICERS * REPLIES_EACH + POLITICIANS and all(answer.status == 302 for answer in posted),
    )
    seconds = [answer.seconds for answer in answers]
    drill.check(
        NAME,
        "p99 / max of those requests",
        f"{p99(seconds):.3f}s / {max(seconds):.3f}s",
        f"p99 < {P99_TARGET:.0f} s",
        p99(seconds) < P99_TARGET,
    )
