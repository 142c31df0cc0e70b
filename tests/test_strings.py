"""Every string a person reads exists in zh-CN and English: the catalogue has both for every key, with
the same parameters, and every error is raised with a catalogue key rather than with text written in one
language at the raise site (tasktrack/errors.py)."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from tasktrack.i18n import MESSAGES

PACKAGE = Path(__file__).resolve().parent.parent / "tasktrack"
SOURCES = sorted(PACKAGE.rglob("*.py"))
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")

# Error classes whose first argument a person reads; subclasses found in the package are added below.
ROOTS = {"UserError", "NotFound", "Conflict", "Unavailable", "DateError", "RulesError", "DutyError"}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_key_has_both_languages_with_the_same_parameters(key: str) -> None:
    zh, en = MESSAGES[key]
    assert zh.strip() and en.strip(), f"{key}: a language is empty"
    assert _fields(zh) == _fields(en), f"{key}: zh has {_fields(zh)}, en has {_fields(en)}"


def _error_classes() -> set[str]:
    names = set(ROOTS)
    trees = [ast.parse(p.read_text(encoding="utf-8")) for p in SOURCES]
    grew = True
    while grew:
        grew = False
        for tree in trees:
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef) and node.name not in names:
                    bases = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
                    if bases & names:
                        names.add(node.name)
                        grew = True
    return names


ERRORS = _error_classes()


def _written_at_raise_site(path: Path) -> list[str]:
    """Calls of an error class (or Words) whose message is text rather than a catalogue key: a literal, an
    f-string, a concatenation, or str() of another error (its English line; pass the error or its words)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name not in ERRORS and name != "Words":
            continue
        first = node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str) and first.value in MESSAGES:
            continue
        written = isinstance(first, ast.Call) and getattr(first.func, "id", "") == "str"  # str(exc): English
        if written or isinstance(first, (ast.Constant, ast.JoinedStr, ast.BinOp)):
            found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {name}({ast.unparse(first)[:70]})")
    return found


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_errors_are_raised_with_catalogue_keys(path: Path) -> None:
    assert _written_at_raise_site(path) == []


def test_no_key_is_defined_twice() -> None:
    """The catalogue is built from several blocks (MESSAGES and its updates): a key written in two of them
    would have the later silently replace the earlier."""
    tree = ast.parse((PACKAGE / "i18n.py").read_text(encoding="utf-8"))
    seen: dict[str, int] = {}
    twice = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            for k in node.keys:
                if isinstance(k, ast.Constant) and isinstance(k.value, str):
                    if k.value in seen:
                        twice.append(f"{k.value} (lines {seen[k.value]} and {k.lineno})")
                    seen[k.value] = k.lineno
    assert twice == []
