"""Loading the demo's portfolio: the hand-written use cases and workshops through the
portfolio's services, then, for the large size, the generated ones in bulk."""

from __future__ import annotations

import random

from wandel.demo.base import DemoRun
from wandel.demo.portfolio.bulk import generated_load
from wandel.demo.portfolio.cast import Cast
from wandel.demo.portfolio.hand_written import use_case_load, workshop_plan, workshop_run
from wandel.demo.portfolio.plan import check_use_cases, portfolio_plan
from wandel.demo.portfolio.specs import generated, use_cases, wording, workshops
from wandel.org.models import Unit


def check_portfolio(run: DemoRun) -> None:
    """The portfolio's content files can be read, and each use case can take its route."""
    check_use_cases(use_cases())
    wording()
    generated()


def load_portfolio(run: DemoRun) -> None:
    units = list(Unit.objects.order_by("code").values_list("pk", "code", "name"))
    plan = portfolio_plan(run.size, seed=run.seed, units=[(code, name) for _, code, name in units])
    cast = Cast.load(random.Random(f"{run.seed}-portfolio-cast"))
    run.say(f"Adding {len(plan.hand_written)} use cases and {len(workshops())} workshops …\n")
    planned = {spec.title: workshop_plan(spec, cast) for spec in workshops()}
    loaded = {spec.title: use_case_load(spec, cast, planned) for spec in use_cases()}
    for spec in workshops():
        workshop_run(spec, planned[spec.title], loaded, cast)
    if plan.generated:
        run.say(f"Generating {len(plan.generated)} more use cases for benchmarks …\n")
        generated_load(plan.generated, cast, units={code: pk for pk, code, _ in units})
