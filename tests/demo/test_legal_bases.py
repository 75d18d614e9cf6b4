"""Demo texts cite legal bases that hold: since the CJEU's judgment C-34/21 (30 March 2023),
§ 26(1) BDSG is no valid legal basis of its own for employee data; a DPIA or record cites
Art. 6(1)(b) or (f) GDPR, or a works agreement that meets Art. 88(2) GDPR."""

from __future__ import annotations

import re
from pathlib import Path

import wandel

PACKAGE = Path(wandel.__file__).resolve().parent
# "§ 26 BDSG", "§26 Abs. 1 BDSG", "Section 26 BDSG" …
SECTION_26 = re.compile(r"(§|section)\s*26\b[^;\n]{0,20}?BDSG", re.IGNORECASE)


def texts_shipped_to_users() -> list[Path]:
    return [
        *sorted((PACKAGE / "demo").rglob("*.py")),
        *sorted((PACKAGE / "demo").rglob("*.toml")),
        *sorted(PACKAGE.glob("*/templates/**/*.html")),
        *sorted(PACKAGE.glob("*/data/**/*.json")),
    ]


def test_no_demo_text_cites_section_26_bdsg():
    cited = [
        f"{path.relative_to(PACKAGE)}: {match.group(0)}"
        for path in texts_shipped_to_users()
        for match in SECTION_26.finditer(path.read_text(encoding="utf-8"))
    ]
    assert cited == []


def test_the_pattern_finds_the_citations_it_is_meant_to_find():
    assert SECTION_26.search("§ 26 BDSG i. V. m. der Betriebsvereinbarung")
    assert SECTION_26.search("§26 Abs. 1 BDSG")
    assert not SECTION_26.search("Art. 88 Abs. 2 DSGVO; § 87 Abs. 1 Nr. 6 BetrVG")


def test_the_meeting_minutes_dpia_names_a_valid_basis():
    from wandel.demo.governance.specs import stories

    necessity = stories()["Besprechungsprotokolle zusammenfassen"].dpia.sections["necessity"]
    assert "Art. 6 Abs. 1 Buchst. f DSGVO" in necessity
    assert "Art. 88 Abs. 2 DSGVO" in necessity
