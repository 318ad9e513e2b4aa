"""Concurrent writes over both servers: 50 simultaneous sign requests by one representative give one
signature; 50 simultaneous membership applications give 50 stored applications."""

import contextlib
import threading
import time
from collections.abc import Callable

from perf.harness.processes import log
from perf.resilience.drill import DEMO_PASSWORD, MAYOR, Drill, join_data, sign_data

NAME = "3 concurrency"
CONCURRENT = 50
LIVE_SIGNATURES = (
    "from ambassadors.models import Declaration, Signature\n"
    "current = Declaration.objects.current()\n"
    f"live = Signature.objects.live().filter(declaration=current, signer__email='{MAYOR}')\n"
    "result = {'count': live.count(), 'pks': list(live.values_list('pk', flat=True))}"
)


def run(drill: Drill) -> None:
    log(f"scenario 3: {CONCURRENT} concurrent sign requests, {CONCURRENT} concurrent applications")
    _one_signature_from_concurrent_signing(drill)
    _every_concurrent_application_stored(drill)


def at_once(drill: Drill, send: Callable[[int, str], int]) -> tuple[list[int], float]:
    """Calls `send(number, base)` CONCURRENT times at the same moment, alternating servers A and B; the statuses."""
    barrier = threading.Barrier(CONCURRENT, timeout=30)
    statuses: list[int] = []

    def one(number: int) -> None:
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()
        statuses.append(send(number, drill.servers[number % 2].base))

    threads = [threading.Thread(target=one, args=(number,), daemon=True) for number in range(CONCURRENT)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return statuses, time.monotonic() - started


def _withdraw_demo_signatures(drill: Drill, mayor, base: str) -> None:
    """The demo data has the mayor's signature: withdrawn first, through the portal."""
    for pk in drill.orm(LIVE_SIGNATURES)["pks"]:
        url = f"{base}/ambassadors/my-signatures/{pk}/withdraw/"
        if "reauthenticate" in mayor.get(url).location:  # withdrawing asks for the password again
            _, token = mayor.form(f"{base}/accounts/reauthenticate/")
            mayor.post(f"{base}/accounts/reauthenticate/", {"csrfmiddlewaretoken": token, "password": DEMO_PASSWORD})
        _, token = mayor.form(url)
        mayor.post(url, {"csrfmiddlewaretoken": token})
    still_live = drill.orm(LIVE_SIGNATURES)["count"]
    if still_live != 0:
        raise RuntimeError(f"the demo signature could not be withdrawn ({still_live} live)")


def _one_signature_from_concurrent_signing(drill: Drill) -> None:
    base = drill.servers[0].base
    mayor = drill.browser()
    if mayor.login(base, MAYOR, DEMO_PASSWORD).status != 302:
        raise RuntimeError("could not log in the demo representative")
    _withdraw_demo_signatures(drill, mayor, base)
    page, token = mayor.form(f"{base}/ambassadors/declaration/sign/")
    data = sign_data(page.text, token, "Matteo Sindaco")
    statuses, elapsed = at_once(
        drill, lambda number, base: mayor.post(f"{base}/ambassadors/declaration/sign/", data, timeout=30).status
    )
    counts = {status: statuses.count(status) for status in sorted(set(statuses))}
    drill.check(
        NAME,
        f"{CONCURRENT} concurrent sign POSTs (A+B) answered",
        f"{counts} in {elapsed:.1f}s",
        "no 500",
        len(statuses) == CONCURRENT and all(status in (200, 302) for status in statuses),
    )
    live = drill.orm(LIVE_SIGNATURES)["count"]
    drill.check(NAME, "live signatures of the mayor, current version", live, "1", live == 1)


def _every_concurrent_application_stored(drill: Drill) -> None:
    applicant = drill.browser()
    _, token = applicant.form(drill.servers[0].url("/join/"))

    def apply(number: int, base: str) -> int:
        data = join_data(token, f"resil-burst-{number}@example.org")
        return applicant.post(f"{base}/join/", data, timeout=30).status

    statuses, elapsed = at_once(drill, apply)
    stored = int(drill.sql("SELECT count(*) FROM cities_membershipapplication WHERE email LIKE 'resil-burst-%'"))
    counts = {status: statuses.count(status) for status in sorted(set(statuses))}
    drill.check(
        NAME,
        f"{CONCURRENT} concurrent applications answered",
        f"{counts} in {elapsed:.1f}s",
        f"{CONCURRENT} x 302",
        statuses.count(302) == CONCURRENT,
    )
    drill.check(NAME, "applications stored", stored, str(CONCURRENT), stored == CONCURRENT)
