"""The Nu Html Checker (the npm package vnu-jar, run with java) over a set of rendered pages, and what the page
tests share: the pages by name, and a client logged in as someone."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = Path(os.environ.get("VNU_JAR") or ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar")


def _checker_problem() -> str | None:
    if not VNU_JAR.is_file():
        return f"the Nu Html Checker is not installed ({VNU_JAR} is missing): run `npm ci --ignore-scripts`"
    if shutil.which("java") is None:
        return "java (17 or newer) is not installed: the Nu Html Checker needs it"
    return None


class Pages:
    """The HTML documents to check, by a readable name."""

    def __init__(self):
        self.documents: dict[str, str] = {}

    def add(self, name: str, response, status: int = 200, contains: tuple[str, ...] = ()) -> None:
        """`contains`: what shows that the page has the parts it is here for (a form, a section, an error)."""
        assert name not in self.documents, name
        assert response.status_code == status, f"{name}: {response.status_code}, expected {status}"
        assert response["Content-Type"].startswith("text/html"), f"{name}: {response['Content-Type']}"
        html = response.content.decode()
        for part in contains:
            assert part in html, f"{name}: {part!r} is not on the page"
        self.documents[name] = html

    def get(self, name: str, client: Client, url: str, status: int = 200, contains=(), **params) -> None:
        self.add(name, client.get(url, params), status, contains)

    def post(self, name: str, client: Client, url: str, data: dict, status: int = 200, contains=()) -> None:
        self.add(name, client.post(url, data), status, contains)


def as_user(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _check(documents: dict[str, str], folder: Path) -> list[str]:
    """The checker's errors, one each: page name, file and line, message, and that line of the page."""
    files: dict[str, tuple[str, Path]] = {}
    for number, (name, html) in enumerate(documents.items()):
        path = folder / f"{number:03d}-{''.join(c if c.isalnum() else '-' for c in name)}.html"
        path.write_text(html, encoding="utf-8")
        files[path.name] = (name, path)
    command = [shutil.which("java"), "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]
    result = subprocess.run(  # noqa: S603 - our own jar on our own files
        [*command, *(str(path) for _name, path in files.values())], capture_output=True, text=True, timeout=300
    )
    try:
        report = json.loads(result.stderr or result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"the checker's output is not JSON (exit {result.returncode}):\n{result.stdout}\n{result.stderr}")
    problems = []
    for message in report["messages"]:
        # --errors-only leaves errors and fatal errors; anything else the checker says (e.g. that it could not
        # read a file) is a failure too.
        url = message.get("url", "")
        name, path = files.get(url.rpartition("/")[2], (url or "?", None))
        line = message.get("lastLine")
        source = ""
        if path is not None and isinstance(line, int):
            source = path.read_text(encoding="utf-8").splitlines()[line - 1].strip()[:200]
        where = f"{path.name}:{line}" if path is not None else "?"
        problems.append(f"{name} ({where}): [{message.get('type')}] {message.get('message')}\n      {source}")
    return problems


def assert_valid_html(render, folder: Path) -> None:
    """RENDER() gives {page name: HTML}; the checker finds no error in any of them. Without the checker the test
    is skipped, except in CI (VNU_REQUIRED), where that is a failure."""
    problem = _checker_problem()
    if problem:
        if os.environ.get("VNU_REQUIRED"):
            pytest.fail(problem)
        pytest.skip(problem)
    documents = render()
    problems = _check(documents, folder)
    assert not problems, f"{len(problems)} HTML errors in {len(documents)} pages:\n" + "\n".join(problems)
