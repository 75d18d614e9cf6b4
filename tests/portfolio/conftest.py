from __future__ import annotations

from collections.abc import Iterator

import pytest

from wandel.portfolio.gates import gate_suspended


@pytest.fixture
def without_governance_gate() -> Iterator[None]:
    """For a test of the portfolio's own lifecycle rules alone: the governance gate that
    plugs into it (tested in tests/governance) is suspended. Only tests that ask for it by
    name (or with `pytest.mark.usefixtures("without_governance_gate")`) run without it; all
    others run with the real gate, as the app does."""
    with gate_suspended("governance"):
        yield
