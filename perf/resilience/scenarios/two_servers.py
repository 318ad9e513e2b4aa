"""Two app servers sharing PostgreSQL and Redis: a session made on one is valid on the other; the failed-login
limit counts attempts made on both, and so does the login limit answering 429."""

from perf.harness.processes import HOST, log
from perf.resilience.drill import DEMO_PASSWORD, NEWCOMER, USER, Drill

NAME = "2 two app servers"
FAILED_LOGIN_LIMIT = 5  # ACCOUNT_RATE_LIMITS["login_failed"] = "10/m/ip,5/5m/key"
LOGIN_LIMIT = 30  # ACCOUNT_RATE_LIMITS["login"] = "30/m/ip"


def run(drill: Drill) -> None:
    log("scenario 2: two app servers sharing PostgreSQL and Redis")
    _session_on_both(drill)
    # Both servers addressed by one host name, as behind a load balancer: allauth's per-account key
    # includes the host name.
    attacker = drill.browser(host=HOST)
    _failed_logins_on_both(drill, attacker)
    _login_limit_on_both(drill, attacker)


def _session_on_both(drill: Drill) -> None:
    a, b = drill.servers
    person = drill.browser()
    login = person.login(a.base, USER, DEMO_PASSWORD)
    drill.check(NAME, "login on A", login.status, "302", login.status == 302)
    on_b = person.get(b.url("/profile/"))
    drill.check(
        NAME, "GET /profile/ on B with A's session", on_b.status, "200", on_b.status == 200 and USER in on_b.text
    )
    on_a = person.get(a.url("/profile/"))
    drill.check(NAME, "GET /profile/ on A", on_a.status, "200", on_a.status == 200)


def _failed_logins_on_both(drill: Drill, attacker) -> None:
    outcomes = []
    for attempt in range(FAILED_LOGIN_LIMIT + 3):
        server = drill.servers[attempt % 2]
        answer = attacker.login(server.base, NEWCOMER, f"wrong-password-{attempt}")
        refused = answer.status == 429 or "Too many failed login attempts" in answer.text
        outcomes.append((server.name, answer.status, refused))
    log("  failed logins: " + ", ".join(f"{n}:{s}{'/refused' if r else ''}" for n, s, r in outcomes))
    first_refused = next((number + 1 for number, outcome in enumerate(outcomes) if outcome[2]), None)
    drill.check(
        NAME,
        "failed login refused first at attempt",
        first_refused,
        f"{FAILED_LOGIN_LIMIT + 1} (A and B counted together)",
        first_refused == FAILED_LOGIN_LIMIT + 1,
    )
    after = outcomes[FAILED_LOGIN_LIMIT:]
    drill.check(
        NAME,
        "refused on both servers after the limit",
        ", ".join(f"{n}:{s}" for n, s, _ in after),
        "A and B refuse",
        all(refused for _, _, refused in after) and {name for name, _, _ in after} == {"A", "B"},
    )
    drill.check(
        NAME,
        "status of a refused failed login",
        sorted({status for _, status, refused in after if refused}),
        "informative: allauth shows a form error",
        True,
    )


def _login_limit_on_both(drill: Drill, attacker) -> None:
    first_429 = None
    refused_by = set()
    for posts, attempt in enumerate(range(2 * LOGIN_LIMIT + 10), start=1):
        server = drill.servers[attempt % 2]
        _, token = attacker.form(server.url("/accounts/login/"))
        data = {"csrfmiddlewaretoken": token, "login": "x@example.org", "password": "x"}
        if attacker.post(server.url("/accounts/login/"), data).status == 429:
            refused_by.add(server.name)
            first_429 = first_429 or posts
            if len(refused_by) == 2:
                break
    # Earlier login POSTs of this run may still count in the minute: the first 429 comes at most at the 31st
    # POST of this loop; were the servers counting apart, not before the 61st.
    drill.check(
        NAME,
        "login POSTs alternating A/B until the first 429",
        first_429,
        f"<= {LOGIN_LIMIT + 1} ({LOGIN_LIMIT}/m/ip over A+B)",
        first_429 is not None and first_429 <= LOGIN_LIMIT + 1,
    )
    drill.check(NAME, "429 from", sorted(refused_by), "A and B", refused_by == {"A", "B"})
