"""A verified officer at work during a busy day: a reply posted through the thread's real reply form (the
page read first, its CSRF token sent back) twice a second, and the follow button of a topic pressed once a
second, each started on time even while the previous one is still waiting for an answer, until the `with`
block ends. The statuses of its POSTs are kept: 302 is done."""

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from perf.harness.browser import Browser

LATER = re.compile(r'<a href="(\?after=[^"]+)" rel="next">')
MAX_PAGES = 1000
IN_FLIGHT = 8


class Writer:
    def __init__(self, base: str, session: str, *, thread: str, topic: str, reply_every=0.5, follow_every=1.0):
        self.base, self.thread, self.topic = base, thread, topic
        self.browser = Browser(timeout=30)
        self.browser.add_cookies(session)
        self.replies: list[int] = []  # the statuses of the reply POSTs (302: published), 0 when none came
        self.follows: list[int] = []
        self.seconds = 0.0
        self.landing: str | None = None
        self._stop = threading.Event()
        self._threads = [
            threading.Thread(target=self._every, args=(reply_every, self.reply, self.replies), daemon=True),
            threading.Thread(target=self._every, args=(follow_every, self.follow, self.follows), daemon=True),
        ]

    def __enter__(self) -> "Writer":
        # The CSRF cookie and the thread's last page first: concurrent first visits would each set a cookie
        # and walk the whole thread.
        self._reply_page()
        self._started = time.monotonic()
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=60)
        self.seconds = time.monotonic() - self._started
        self.browser.close()

    def _every(self, interval: float, action, statuses: list[int]) -> None:
        """Starts `action` every `interval` seconds until stopped, without waiting for the previous one to
        finish (as several people would), at most IN_FLIGHT at once."""
        due = time.monotonic()
        pool = ThreadPoolExecutor(max_workers=IN_FLIGHT)
        for _ in range(100_000):
            if self._stop.wait(max(0.0, due - time.monotonic())):
                break
            due += interval
            pool.submit(self._record, action, statuses)
        pool.shutdown(wait=True, cancel_futures=True)

    @staticmethod
    def _record(action, statuses: list[int]) -> None:
        try:
            statuses.append(action())
        except RuntimeError:  # no form on the page: the writer could not act
            statuses.append(0)

    def reply(self) -> int:
        """Replies from the thread's last page, then follows the answer as a browser does: to the post's link,
        which leads to the page the next reply is written from."""
        page, token = self._reply_page()
        body = f"Busy day: a reply at {time.strftime('%H:%M:%S')}, how did the pilot go?"
        answer = self.browser.post(f"{self.base}{self.thread}reply/", {"csrfmiddlewaretoken": token, "body": body})
        if answer.status == 302:
            landing = self.browser.get(self.base + answer.location).location  # the post's link
            self.landing = landing.split("#", 1)[0] or None
        return answer.status

    def _reply_page(self):
        """The page with the reply form (the thread's last): where the previous reply landed, or reached from
        the first page by its "Later posts" links."""
        url = self.landing or self.thread
        for _ in range(MAX_PAGES):
            page, token = self.browser.form(self.base + url)
            if f'action="{self.thread}reply/"' in page.text:
                self.landing = url
                return page, token
            later = LATER.search(page.text)
            if not later:
                break
            url = self.thread + later.group(1).replace("&amp;", "&")
        raise RuntimeError(f"no reply form on {self.thread}")

    def follow(self) -> int:
        """Presses the follow button: follows the topic, or stops following it, whichever the page offers."""
        page, token = self.browser.form(self.base + self.topic)
        action = f"{self.topic}follow/"
        form = re.search(f'action="{re.escape(action)}".*?name="follow" value="([01])"', page.text, re.S)
        if not form:
            raise RuntimeError(f"no follow button on {self.topic}")
        data = {"csrfmiddlewaretoken": token, "follow": form.group(1)}
        return self.browser.post(self.base + action, data).status

    def figures(self) -> dict:
        published, pressed = self.replies.count(302), self.follows.count(302)
        return {
            "replies": published,
            "follows": pressed,
            "failed": len(self.replies) + len(self.follows) - published - pressed,
            "failed_statuses": sorted({status for status in self.replies + self.follows if status != 302}),
            "seconds": round(self.seconds, 1),
        }
