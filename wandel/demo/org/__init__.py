"""The demo's organisation: units, people, accounts, role holders and stakeholder groups.

``plan`` decides who is who without the database; ``load`` brings them in through the org
services; the content is in ``data/``.
"""

from __future__ import annotations

from wandel.demo.base import DemoLoader
from wandel.demo.org.load import check_organisation, organisation_present, setup_organisation

LOADER = DemoLoader(
    "org",
    position=100,
    check=check_organisation,
    setup=setup_organisation,
    present=organisation_present,
)
