from __future__ import annotations

from collections.abc import Iterator

import pytest

from wandel.portfolio.gates import gate_suspended


@pytest.fixture(autouse=True)
def _portfolio_without_governance() -> Iterator[None]:
    """Portfolio tests test the portfolio's own lifecycle rules; the governance gate that
    plugs into it is tested in tests/governance."""
    with gate_suspended("governance"):
        yield
