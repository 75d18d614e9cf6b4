"""The demo's use-case portfolio: forty hand-written use cases, three workshops, and for the
large size thousands of generated ones.

``specs`` reads the content (``data/``), ``plan`` decides what to create without the
database, ``hand_written`` and ``bulk`` create it. Before it moves a use case, the
portfolio calls what ``hand_written.BEFORE_MOVE`` holds (the governance demo's approvals).
"""

from __future__ import annotations

from wandel.demo.base import DemoLoader
from wandel.demo.portfolio.load import check_portfolio, load_portfolio

LOADER = DemoLoader("portfolio", position=200, check=check_portfolio, load=load_portfolio)
