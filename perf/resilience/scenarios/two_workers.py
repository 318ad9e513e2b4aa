"""Two task workers on one PostgreSQL queue (the drill's database): two officers reply in a thread with 100
followers and two representatives sign while no worker runs, then two workers start at the same moment and
share the work (fan-out tasks, then the delivery tasks these queue, as they come). Targets: every task run
once, by one worker, successfully; both workers took tasks; every mail at the SMTP server exactly once."""

import time
from collections import Counter

from perf.harness.mail_cast import cast_in, followers_mails, posts_in
from perf.harness.processes import log, until
from perf.resilience.drill import Drill
from perf.resilience.mail_rig import MailRig

NAME = "7 two workers"
PREFIX = "mail-pair"
OFFICERS, POLITICIANS, FOLLOWERS = 2, 2, 100
SERVER_DELAY = 0.01  # seconds per mail: the two workers' deliveries overlap
DONE_TIMEOUT = 120.0


def run(drill: Drill) -> None:
    log("scenario 7: two workers on one PostgreSQL queue")
    with MailRig(drill, "pair", delay=SERVER_DELAY) as rig:
        _run(drill, rig)


def _run(drill: Drill, rig: MailRig) -> None:
    rig.drain()
    cast = cast_in(rig.env, PREFIX, officers=OFFICERS, followers=FOLLOWERS, politicians=POLITICIANS)
    servers, thread = drill.servers, cast["threads"][0]
    since = rig.now()
    answers = []
    for number, address in enumerate(cast["officers"]):
        body = f"Officer {number} replies while no worker runs."
        answers += rig.reply(rig.login(address, servers[number % 2]), servers[number % 2].base, thread["url"], body)
    for number, address in enumerate(cast["politicians"]):
        answers += rig.sign(rig.login(address, servers[number % 2]), servers[number % 2].base, f"Mayor {number}")
    posted = [answer.status for answer in answers[1::2]]
    drill.check(NAME, "replies and signatures acknowledged", posted, "all 302", set(posted) == {302})

    rows = rig.outbox(PREFIX)
    expected = followers_mails(cast, posts_in(rig.env, [thread["id"]])) | rig.confirmations(rows, cast["politicians"])
    waiting = rig.busy_tasks()
    workers = [rig.worker("A"), rig.worker("B")]
    started = time.monotonic()
    done = until(lambda: rig.all_sent(PREFIX, expected) and rig.idle(), DONE_TIMEOUT, 0.25)
    elapsed = time.monotonic() - started
    for worker in workers:
        worker.stop()

    tasks = rig.tasks_since(since)
    claims = Counter(len(ids) for _, _, ids in tasks)
    statuses = Counter(status for _, status, _ in tasks)
    by_worker = Counter(ids[0].rsplit("-", 1)[-1] for _, _, ids in tasks if ids)
    drill.check(
        NAME,
        "tasks run by the two workers",
        f"{len(tasks)} ({waiting} waiting at the start): {dict(statuses)}, by worker {dict(sorted(by_worker.items()))}",
        "each once, by one worker; both worked",
        done and set(statuses) == {"SUCCESSFUL"} and set(claims) == {1} and len(by_worker) == 2,
    )
    drill.check(
        NAME,
        "mails delivered by the two workers",
        f"{rig.sink.count()} in {elapsed:.1f}s ({rig.sink.count() / elapsed:.0f}/s)",
        f"{len(expected)} within {DONE_TIMEOUT:.0f} s",
        done,
    )
    rig.check_sink(NAME, expected)

