"""A small organisation, built by hand, for the survey tests.

HQ (the root) holds 2 people; below it Sales (3 people, one a trainer) with its team North
(2 people, one a trainer), and Engineering (3 active people, one a product owner who is also
a trainer; a fourth has left). At unit level 1 the reporting groups are HQ 2, Sales 5 and
Engineering 3; with Sales as the target group at level 2, Sales 3 and North 2.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest

from tests.support.personas import make_person, make_unit
from wandel.core.roles import Role
from wandel.feedback.surveys.models import Survey, Wave
from wandel.feedback.surveys.services import survey_create, wave_open, wave_plan
from wandel.org.models import Person, Unit

OPENS = date(2026, 12, 1)
CLOSES = date(2026, 12, 31)


@dataclass
class Org:
    hq: Unit
    sales: Unit
    north: Unit
    engineering: Unit
    people: dict[str, Person] = field(default_factory=dict)


@pytest.fixture
def org(db) -> Org:
    hq = make_unit("HQ", "Headquarters")
    sales = make_unit("SAL", "Sales", parent=hq)
    north = make_unit("SAL-N", "Sales North", parent=sales)
    engineering = make_unit("ENG", "Engineering", parent=hq)
    found = Org(hq, sales, north, engineering)
    layout = {
        "hanna": (hq, ()),
        "hugo": (hq, ()),
        "sara": (sales, ()),
        "sven": (sales, (Role.TRAINER,)),
        "sina": (sales, ()),
        "nora": (north, (Role.TRAINER,)),
        "nils": (north, ()),
        "emil": (engineering, (Role.TRAINER, Role.PRODUCT_OWNER)),
        "eva": (engineering, ()),
        "enno": (engineering, ()),
    }
    for name, (unit, roles) in layout.items():
        found.people[name] = make_person(
            unit=unit, first_name=name.title(), email=f"{name}@example.com", roles=roles
        )
    gone = make_person(unit=engineering, first_name="Gone", email="gone@example.com")
    Person.objects.filter(pk=gone.pk).update(active=False)
    return found


def new_survey(
    *,
    template: str = "adkar",
    distribution: str = "invitations",
    targets: tuple[Unit, ...] = (),
    unit_level: int = 1,
    by_role: bool = False,
    min_group: int = 5,
) -> Survey:
    return survey_create(
        template=template,
        title_en="",
        title_de="",
        target_units=targets,
        distribution=distribution,
        unit_level=unit_level,
        by_role=by_role,
        min_group=min_group,
        actor=None,
    )


def open_wave(survey: Survey) -> Wave:
    wave = wave_plan(survey=survey, opens_on=OPENS, closes_on=CLOSES, actor=None)
    return wave_open(wave=wave, actor=None)
