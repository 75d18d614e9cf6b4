"""The demo organisation: a fictional German manufacturer, in a small and a large size.

Each app's part of the demo is a ``DemoLoader`` in its own package (``demo/org/``,
``demo/portfolio/``, ``demo/governance/`` …), registered in ``DEMO_LOADERS`` by
``demo/hooks.py``; this module runs them in order and names none of them. Loading goes
through the same services as real use, so the demo obeys the same rules and fills the audit
log like a real organisation; planning is deterministic, so a size gives the same
organisation every time.
"""

from __future__ import annotations

from collections.abc import Callable

from wandel.core.actions import user_action
from wandel.core.audit import audit_record
from wandel.core.models import AuditEvent
from wandel.core.registry import Hook
from wandel.demo.base import SIZES, DemoAction, DemoLoader, DemoRun, DemoSize, Writer

DEMO_LOADERS: Hook[DemoLoader] = Hook("demo loaders")


class DemoIncomplete(Exception):
    def __init__(self) -> None:
        super().__init__(
            "An earlier demo load stopped half-way, so the database holds part of the demo. "
            "Run `wandel demo --reset` to delete everything and load it afresh."
        )


def loaders() -> list[DemoLoader]:
    return sorted(DEMO_LOADERS, key=lambda loader: loader.position)


def demo_loaded() -> bool:
    """True once a demo load has finished; DemoIncomplete if one stopped half-way."""
    if AuditEvent.objects.filter(action=DemoAction.LOADED).exists():
        return True
    if any(loader.present is not None and loader.present() for loader in loaders()):
        raise DemoIncomplete
    return False


def load_demo(size: str | DemoSize = "small", stdout: Writer | None = None) -> bool:
    """Load the demo organisation unless it is there already; True if it was loaded.

    Every loader checks its content first, so a wrong content file stops the demo before
    anything is written. Then the demo is built the way people would build it, one user
    action after another, each in its own transaction; the last one records that the demo
    is complete.
    """
    if isinstance(size, str):
        run = DemoRun(SIZES[size], size, _say(stdout))
    else:
        run = DemoRun(size, f"{size.units}-units", _say(stdout))
    ordered = loaders()
    for loader in ordered:
        if loader.check is not None:
            loader.check(run)
    if demo_loaded():
        return False
    steps = [loader.setup for loader in ordered] + [loader.load for loader in ordered]
    for step in steps:
        if step is not None:
            step(run)
    _mark_loaded(run.name)
    return True


def _say(stdout: Writer | None) -> Callable[[str], object]:
    return stdout.write if stdout is not None else (lambda text: None)


@user_action
def _mark_loaded(name: str) -> None:
    audit_record(actor=None, action=DemoAction.LOADED, changes={"size": name})
