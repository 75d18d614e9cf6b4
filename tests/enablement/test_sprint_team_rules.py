"""Whether a sprint team is interdisciplinary: people from at least two units, and someone
holding the IT & security role. Hand-written cases over the pure rule."""

from __future__ import annotations

import pytest

from wandel.enablement.sprints.rules import Member, TeamWarning, team_warnings

FEW, NO_IT = TeamWarning.FEW_UNITS, TeamWarning.NO_IT


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        # Nobody yet: neither two units nor IT.
        ([], [FEW, NO_IT]),
        # One person, even from IT, is one unit.
        ([Member(1, it=True)], [FEW]),
        ([Member(1, it=False)], [FEW, NO_IT]),
        # Two people of the same unit.
        ([Member(1, it=False), Member(1, it=True)], [FEW]),
        # Two units, but nobody from IT.
        ([Member(1, it=False), Member(2, it=False)], [NO_IT]),
        # Two units and IT: interdisciplinary.
        ([Member(1, it=False), Member(2, it=True)], []),
        # IT in the same unit as a business person, plus a third unit.
        ([Member(1, it=True), Member(1, it=False), Member(3, it=False)], []),
        # Many people of one unit with IT among them: still one unit.
        ([Member(7, it=False)] * 5 + [Member(7, it=True)], [FEW]),
    ],
)
def test_it_warns_when_the_team_is_not_interdisciplinary(members, expected):
    assert team_warnings(members) == expected


def test_it_takes_any_iterable_once():
    assert team_warnings(iter([Member(1, it=False), Member(2, it=True)])) == []
