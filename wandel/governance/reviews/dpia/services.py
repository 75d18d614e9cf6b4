"""The DPIA threshold check and the DPIA itself: record, fill in, sign off, reopen."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wandel.core.actions import require_transaction, user_action
from wandel.core.audit import audit_record
from wandel.core.models import User
from wandel.core.roles import Permission
from wandel.governance.gate_requests.settle import gate_requests_settle
from wandel.governance.needs import Need
from wandel.governance.reviews.actions import ReviewAction
from wandel.governance.reviews.dpia.criteria import (
    CRITERIA_VERSION,
    KEYS,
    Decision,
    dpia_decision,
    dpia_required,
    dsk_applying,
    wp248_count,
)
from wandel.governance.reviews.dpia.models import (
    DPIA_FIELDS,
    DPIA_SECTIONS,
    Dpia,
    DpiaCheck,
    DpiaStatus,
)
from wandel.governance.reviews.errors import ReviewsError
from wandel.org.models import Person
from wandel.portfolio.use_cases.models import UseCase

UNKNOWN_CRITERION = _("“%(key)s” is not a criterion of the DPIA threshold check.")
DPIA_SIGNED_OFF = _("The DPIA is signed off; reopen it to change it.")
UNKNOWN_DPIA_SECTION = _("“%(field)s” is not a section of the DPIA.")
DPIA_INCOMPLETE = _(
    "Fill in every section and the opinion of the data protection officer before signing off. "
    "Missing: %(sections)s"
)
SECTION_REQUIRED = _("Fill in this before the DPIA is signed off.")
DPIA_NOT_SIGNED_OFF = _("The DPIA is not signed off, so there is nothing to reopen.")


ONLY_CONTROLLER_APPROVES = _(
    "Only the controller named in the DPIA, %(name)s, approves it; the data protection "
    "officer advises and gives an opinion."
)


@user_action
def dpia_check_record(
    *,
    use_case: UseCase,
    answers: Mapping[str, bool],
    actor: User | None,
    decision: str = Decision.RULE,
    rationale: str = "",
) -> DpiaCheck:
    """Run the threshold check; every criterion is stored, those not given as not applying.

    The check records why: the rationale, and a decision that departs from the criteria
    (WP248: two criteria require a DPIA "in most cases"; one can be enough) only with it.
    """
    unknown = set(answers) - set(KEYS)
    if unknown:
        raise ReviewsError(UNKNOWN_CRITERION % {"key": sorted(unknown)[0]}, field="answers")
    complete = {key: bool(answers.get(key, False)) for key in KEYS}
    rationale = rationale.strip()
    required = dpia_decision(complete, decision, rationale)
    check = DpiaCheck.objects.create(
        use_case=use_case,
        answers=complete,
        required=required,
        decision=decision,
        rationale=rationale,
        criteria_version=CRITERIA_VERSION,
        checked_by=actor if actor is not None and actor.pk else None,
    )
    audit_record(
        actor=actor,
        action=ReviewAction.DPIA_CHECKED,
        target=check,
        changes={
            "use_case": use_case.pk,
            "applying": [key for key in KEYS if complete[key]],
            "wp248_count": wp248_count(complete),
            "dsk_items": dsk_applying(complete),
            "required_by_criteria": dpia_required(complete),
            "decision": decision,
            "rationale": rationale,
            "required": required,
            "criteria_version": CRITERIA_VERSION,
        },
    )
    gate_requests_settle(use_case.pk, [Need.DPIA_CHECK])
    return check


def _dpia_save(*, use_case: UseCase, actor: User | None, **fields: Any) -> Dpia:
    """Create or change the DPIA of a use case while it is not signed off: its texts, the
    controller who carries it out, whether a high residual risk remains, the review date."""
    unknown = set(fields) - set(DPIA_FIELDS)
    if unknown:
        raise ReviewsError(UNKNOWN_DPIA_SECTION % {"field": sorted(unknown)[0]})
    require_transaction("dpia_save")
    dpia = Dpia.objects.select_for_update().filter(use_case=use_case).first()
    created = dpia is None
    if dpia is None:
        dpia = Dpia(use_case=use_case)
    elif dpia.is_completed:
        raise ReviewsError(DPIA_SIGNED_OFF)
    changed: dict[str, dict[str, Any]] = {}
    for name, given in fields.items():
        value = _dpia_value(name, given)
        before = getattr(dpia, name)
        if before != value:
            changed[name] = {"from": _readable(before), "to": _readable(value)}
            setattr(dpia, name, value)
    if created or changed:
        dpia.save()
        audit_record(
            actor=actor,
            action=ReviewAction.DPIA_SAVED,
            target=dpia,
            changes={"use_case": use_case.pk, "created": created, **changed},
        )
    return dpia


def _dpia_value(name: str, value: Any) -> Any:
    if name in DPIA_SECTIONS:
        return (value or "").strip()
    if name == "residual_risk_high":
        return bool(value)
    return value


def _readable(value: Any) -> Any:
    """A person by e-mail, a date as written; everything else as it is."""
    if isinstance(value, Person):
        return value.email
    if isinstance(value, date):
        return value.isoformat()
    return value


def dpia_missing_sections(dpia: Dpia) -> list[str]:
    """What a sign-off still needs (Art. 35(7), (9), (11), Art. 36 GDPR)."""
    needed = [name for name in DPIA_SECTIONS if name != "prior_consultation"]
    if dpia.residual_risk_high:
        needed.append("prior_consultation")
    missing = [name for name in needed if not getattr(dpia, name).strip()]
    if dpia.controller_id is None:
        missing.append("controller")
    if dpia.review_on is None:
        missing.append("review_on")
    return missing


def _dpia_complete(*, dpia: Dpia, actor: User | None) -> Dpia:
    """The controller approves the DPIA: every section, the views of the people concerned,
    the DPO's opinion, a review date and, with a high residual risk, the authority's advice.
    The data protection officer advises and gives an opinion but does not approve."""
    if dpia.is_completed:
        raise ReviewsError(DPIA_SIGNED_OFF)
    missing = dpia_missing_sections(dpia)
    if missing:
        labels = ", ".join(
            str(capfirst(getattr(Dpia._meta.get_field(name), "verbose_name", name)))
            for name in missing
        )
        raise ReviewsError(
            DPIA_INCOMPLETE % {"sections": labels},
            errors={name: [SECTION_REQUIRED] for name in missing},
        )
    controller = dpia.controller
    assert controller is not None
    if actor is None or controller.user_id != actor.pk:
        raise ReviewsError(ONLY_CONTROLLER_APPROVES % {"name": controller}, field="controller")
    require_transaction("dpia_complete")
    stored = Dpia.objects.select_for_update().get(pk=dpia.pk)
    if stored.is_completed:
        raise ReviewsError(DPIA_SIGNED_OFF)
    dpia.status = DpiaStatus.COMPLETED
    dpia.signed_off_by = actor if actor.pk else None
    dpia.signed_off_on = timezone.localdate()
    dpia.save(update_fields=["status", "signed_off_by", "signed_off_on", "updated_at"])
    audit_record(
        actor=actor,
        action=ReviewAction.DPIA_COMPLETED,
        target=dpia,
        changes={
            "use_case": dpia.use_case_id,
            "status": {"from": DpiaStatus.DRAFT, "to": DpiaStatus.COMPLETED},
            "approved_by_controller": controller.email,
            "signed_off_on": dpia.signed_off_on,
            "review_on": dpia.review_on,
        },
    )
    gate_requests_settle(dpia.use_case_id, [Need.DPIA])
    return dpia


def may_write_dpia(user: User, use_case: UseCase) -> bool:
    """Data protection runs DPIAs; the controller named in one carries it out too."""
    if user.has_perm(Permission.RUN_DPIA):
        return True
    return Dpia.objects.filter(use_case=use_case, controller__user=user).exists()


def _dpia_reopen(*, dpia: Dpia, actor: User | None) -> Dpia:
    """Take a signed-off DPIA back into work, e.g. when the processing changes. Until it is
    signed off again, the gates treat it as not done."""
    if not dpia.is_completed:
        raise ReviewsError(DPIA_NOT_SIGNED_OFF)
    require_transaction("dpia_reopen")
    previous = dpia.signed_off_on
    dpia.status = DpiaStatus.DRAFT
    dpia.signed_off_by = None
    dpia.signed_off_on = None
    dpia.save(update_fields=["status", "signed_off_by", "signed_off_on", "updated_at"])
    audit_record(
        actor=actor,
        action=ReviewAction.DPIA_REOPENED,
        target=dpia,
        changes={"use_case": dpia.use_case_id, "was_signed_off_on": previous},
    )
    return dpia


dpia_save = user_action(_dpia_save)
dpia_complete = user_action(_dpia_complete)
dpia_reopen = user_action(_dpia_reopen)


@user_action
def dpia_submit(
    *, use_case: UseCase, actor: User | None, sections: Mapping[str, Any], complete: bool
) -> Dpia:
    """What the DPIA page posts: the sections, and the sign-off when asked."""
    dpia = _dpia_save(use_case=use_case, actor=actor, **sections)
    if complete:
        _dpia_complete(dpia=dpia, actor=actor)
    return dpia


@user_action
def dpia_write(
    *,
    use_case: UseCase,
    actor: User | None,
    sections: Mapping[str, Any],
    status: str | None = None,
) -> Dpia:
    """What the API writes: the fields given (others stay as they are) and, when asked,
    the sign-off (``completed``) or reopening (``draft`` on a signed-off DPIA)."""
    record = Dpia.objects.select_for_update().filter(use_case=use_case).first()
    if record is not None and record.is_completed:
        unchanged = all(
            getattr(record, name) == _dpia_value(name, value) for name, value in sections.items()
        )
        if status != DpiaStatus.DRAFT:
            if unchanged:
                return record
            raise ReviewsError(DPIA_SIGNED_OFF)
        _dpia_reopen(dpia=record, actor=actor)
    record = _dpia_save(use_case=use_case, actor=actor, **sections)
    if status == DpiaStatus.COMPLETED:
        _dpia_complete(dpia=record, actor=actor)
    return record
