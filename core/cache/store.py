"""Entries kept in the shared cache and, in each process, in its own memory.

An entry's key holds the release, its name and the versions of what it shows (core.cache.versions), so a key is
never reused for other content: a process may keep what it read (LocalCopies, least recently used out first)
and serve it without asking Redis again. Only the versions are read per request.

The release is the deploy's identifier (RELEASE_ID, else the git commit, else the package version): a new
release never reads what an older one stored, even while both run side by side during a deploy.
"""

import hashlib
import pickle
import subprocess
import threading
from collections import OrderedDict
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version

from django.conf import settings
from django.core.cache import cache

from core.cache import versions
from smcportal.env import env_str

TIMEOUT_SECONDS = 600


def _release() -> str:
    release = env_str("RELEASE_ID", "")
    if release:
        return release
    try:
        return subprocess.run(  # noqa: S603 - a fixed command, no user input
            ["git", "rev-parse", "--short=12", "HEAD"],  # noqa: S607
            cwd=settings.BASE_DIR, capture_output=True, text=True, check=True, timeout=5,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        return package_version("smcportal")
    except PackageNotFoundError:
        return "unreleased"


RELEASE = _release()


class LocalCopies:
    """What this process last read from the shared cache, least recently used first out beyond MAX_BYTES."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, tuple[object, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()  # the development server and live tests answer from several threads

    def get(self, key: str):
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            self._entries.move_to_end(key)
            return entry[0]

    def put(self, key: str, value, size: int) -> None:
        with self._lock:
            self._drop(key)
            if size > self.max_bytes:
                return
            self._entries[key] = (value, size)
            self._bytes += size
            while self._bytes > self.max_bytes:
                self._drop(next(iter(self._entries)))

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def _drop(self, key: str) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self._bytes -= entry[1]


local_copies = LocalCopies(settings.PAGE_CACHE_LOCAL_BYTES)


def key(kind: str, name: str, depends: list[str]) -> str:
    """The key of NAME under the release and the current versions of DEPENDS (and of ALL)."""
    current = versions.current(depends)
    digest = hashlib.sha256(f"{name}|{depends}|{current}".encode()).hexdigest()
    return f"{kind}:{RELEASE}:{digest}"


def read(entry_key: str):
    """What is stored under ENTRY_KEY: this process's copy, else the shared cache's (copied here); else None."""
    stored = local_copies.get(entry_key)
    if stored is None:
        stored = cache.get(entry_key)
        if stored is not None:
            local_copies.put(entry_key, stored, len(stored[0]))
    return stored


def write(entry_key: str, stored: tuple) -> None:
    """Store in the shared cache and keep this process's copy; the first element holds the bulk of the bytes."""
    cache.set(entry_key, stored, TIMEOUT_SECONDS)
    local_copies.put(entry_key, stored, len(stored[0]))


def remembered(name: str, compute, *, depends: list[str]):
    """COMPUTE()'s value, kept until a version in DEPENDS (or ALL) moves on: a person's row, what they follow.

    Values are kept pickled, in this process too, so that no two requests share one object.
    """
    if not settings.PAGE_CACHE:
        return compute()
    entry_key = key("memo", name, depends)
    stored = read(entry_key)
    if stored is not None:
        return pickle.loads(stored[0])  # noqa: S301 - written by this portal, read from its own cache
    value = compute()
    write(entry_key, (pickle.dumps(value, pickle.HIGHEST_PROTOCOL),))
    return value
