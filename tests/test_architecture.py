"""The house's shape: layers that point one way, small modules and functions.

Layers, from the bottom up: an app may import its own modules and those of the layers below it, never a
sibling on its own layer nor anything above; apps extend each other through core.extensions instead.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = [
    {"core"},  # knows no domain: workflow kernel, audit, mail, cache, text, the extension registries
    {"accounts"},  # people, their affiliations with cities, and who may do what (permissions)
    {"cities"},  # the network: member cities, the gazetteer, joining
    {"topics", "ambassadors", "projects"},  # what the network does together
    {"portal"},  # pages that compose several apps: home, site search
    {"devdata"},  # demo and benchmark data, built through every app's workflows
]
APPS = set().union(*LAYERS)
WIRING = {"smcportal"}  # settings and root URLs may name every app
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
# Files allowed to break these rules while they are being moved (none now).
PENDING: set[str] = set()


def _layer(app: str) -> int:
    return next(index for index, layer in enumerate(LAYERS) if app in layer)


def _source_files():
    for folder in sorted(APPS | WIRING | {"scripts", "perf"}):
        for path in sorted((ROOT / folder).rglob("*.py")):
            skipped = "migrations" in path.parts or "tests" in path.parts
            if not skipped and str(path.relative_to(ROOT)) not in PENDING:
                yield path


def _imported_apps(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names & APPS


def _import_violations() -> list[str]:
    found = []
    for path in _source_files():
        app = path.relative_to(ROOT).parts[0]
        if app not in APPS:
            continue
        for imported in sorted(_imported_apps(ast.parse(path.read_text()))):
            if imported != app and _layer(imported) >= _layer(app):
                found.append(f"{path.relative_to(ROOT)} imports {imported}")
    return found


def test_every_app_imports_only_the_layers_below_it():
    assert _import_violations() == []


def test_core_imports_no_app():
    core_imports = [violation for violation in _import_violations() if violation.startswith("core/")]
    assert core_imports == []


def test_no_module_is_longer_than_400_lines():
    long = {
        str(path.relative_to(ROOT)): lines
        for path in _source_files()
        if (lines := len(path.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_function_is_longer_than_60_lines():
    long = {}
    for path in _source_files():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(ROOT)}:{node.name}"] = lines
    assert long == {}


@pytest.mark.django_db
def test_accounts_names_the_member_status_as_cities_does():
    from accounts.models import MEMBER_CITY_STATUS
    from cities.models import City

    assert City.Membership.MEMBER == MEMBER_CITY_STATUS
