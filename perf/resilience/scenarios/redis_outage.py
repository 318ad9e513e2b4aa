"""Redis stopped: pages still answer 200 on both servers, quickly (core/cache.py degrades), an application is
still taken; once Redis is started again pages answer 200 and Redis is in use again."""

from perf.harness.browser import fetch
from perf.harness.processes import log
from perf.resilience.drill import Drill, join_data, p99

NAME = "4 Redis down"


def run(drill: Drill) -> None:
    log("scenario 4: Redis stopped")
    officer = drill.officer  # logged in at setup: scenario 2 exhausts the login limit of 127.0.0.1
    drill.redis.stop()
    log("  Redis stopped")
    answers = []
    for _ in range(3):
        for server in drill.servers:
            for path in [*drill.pages, "/profile/"]:
                url = server.url(path)
                answer = officer.get(url) if path == "/profile/" else fetch(url)
                answers.append((f"{server.name}{path}", answer.status, answer.seconds))
    bad = sorted({(page, status) for page, status, _ in answers if status != 200})
    drill.check(
        NAME,
        "pages on A and B while Redis is down",
        f"{len(answers) - len(bad)}/{len(answers)} 200" + (f" {bad[:5]}" if bad else ""),
        "all 200",
        not bad,
    )
    durations = [seconds for _, _, seconds in answers]
    drill.check(
        NAME,
        "p99 / max while Redis is down",
        f"{p99(durations):.3f}s / {max(durations):.3f}s",
        "< 1 s",
        p99(durations) < 1.0,
    )
    applicant = drill.browser()
    a = drill.servers[0]
    _, token = applicant.form(a.url("/join/"))
    posted = applicant.post(a.url("/join/"), join_data(token, "resil-noredis@example.org"))
    drill.check(NAME, "an application while Redis is down", posted.status, "302", posted.status == 302)

    drill.redis.start()
    log("  Redis started again")
    after = [
        (f"{server.name}{path}", fetch(server.url(path)).status) for server in drill.servers for path in drill.pages
    ]
    bad = [page for page in after if page[1] != 200]
    drill.check(NAME, "pages after Redis's return", f"{len(after) - len(bad)}/{len(after)} 200", "all 200", not bad)
    size = drill.redis.dbsize()
    drill.check(NAME, "Redis in use again (keys)", size, "> 0", size > 0)
