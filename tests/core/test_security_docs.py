"""docs/security.md names the test that shows each protected item; each named test exists."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = re.compile(r"`((?:[a-z_]+/)+test_[a-z0-9_]+\.py)(?:::([A-Za-z0-9_]+))?`")


def functions_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }


def test_every_test_the_security_page_names_exists():
    text = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    references = REFERENCE.findall(text)
    missing = []
    for file, function in references:
        path = ROOT / "tests" / file
        if not path.is_file():
            missing.append(file)
        elif function and function not in functions_in(path):
            missing.append(f"{file}::{function}")
    assert len(references) > 40
    assert missing == []
