"""The works council's involvement in a use case (co-determination, § 87 (1) no. 6 BetrVG)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.core.actions import require_transaction, user_action
from wandel.core.audit import audit_record
from wandel.core.models import User
from wandel.governance.gate_requests.settle import gate_requests_settle
from wandel.governance.needs import Need
from wandel.governance.reviews.actions import ReviewAction
from wandel.governance.reviews.codetermination.models import AgreementStatus, CouncilInvolvement
from wandel.governance.reviews.errors import ReviewsError
from wandel.portfolio.use_cases.models import UseCase

AGREEMENT_NEEDED = _(
    "The use case allows conclusions about employees' behaviour or performance, so "
    "co-determination is required: a works agreement cannot be “not needed”."
)
AGREEMENT_REFERENCE_REQUIRED = _("Give the reference of the works agreement.")
UNKNOWN_AGREEMENT_STATUS = _("“%(value)s” is not a status of a works agreement.")


MONITORING_CAPABLE_REQUIRED = _(
    "Say first whether the use case allows conclusions about individual employees."
)
INFORMED_IN_FUTURE = _("The date the works council was informed cannot lie in the future.")


COUNCIL_SHORT_FIELDS = ("information_given_on", "agreement_status", "agreement_reference")
COUNCIL_TEXT_FIELDS = ("consultation_notes", "agreement_clauses")


def _council_involvement_save(
    *,
    use_case: UseCase,
    actor: User | None,
    monitoring_capable: bool,
    information_given_on: date | None = None,
    consultation_notes: str = "",
    agreement_status: str | None = None,
    agreement_reference: str = "",
    agreement_clauses: str = "",
) -> CouncilInvolvement:
    """Record the co-determination assessment and the state of the works council's
    involvement. Without an agreement status, a use case that needs co-determination is
    in negotiation and one that does not needs no agreement."""
    if agreement_status is None:
        agreement_status = (
            AgreementStatus.IN_NEGOTIATION if monitoring_capable else AgreementStatus.NOT_NEEDED
        )
    if agreement_status not in AgreementStatus.values:
        raise ReviewsError(
            UNKNOWN_AGREEMENT_STATUS % {"value": agreement_status}, field="agreement_status"
        )
    if monitoring_capable and agreement_status == AgreementStatus.NOT_NEEDED:
        raise ReviewsError(AGREEMENT_NEEDED, field="agreement_status")
    agreement_reference = agreement_reference.strip()
    if agreement_status == AgreementStatus.AGREED and not agreement_reference:
        raise ReviewsError(AGREEMENT_REFERENCE_REQUIRED, field="agreement_reference")
    if information_given_on is not None and information_given_on > timezone.localdate():
        raise ReviewsError(INFORMED_IN_FUTURE, field="information_given_on")
    values: dict[str, Any] = {
        "information_given_on": information_given_on,
        "consultation_notes": consultation_notes.strip(),
        "agreement_status": agreement_status,
        "agreement_reference": agreement_reference,
        "agreement_clauses": agreement_clauses.strip(),
    }
    require_transaction("council_involvement_save")
    involvement = CouncilInvolvement.objects.select_for_update().filter(use_case=use_case).first()
    created = involvement is None
    if involvement is None:
        involvement = CouncilInvolvement(use_case=use_case)
    assessed = created or involvement.monitoring_capable != monitoring_capable
    if assessed:
        involvement.monitoring_capable = monitoring_capable
        involvement.assessed_on = timezone.localdate()
        involvement.assessed_by = actor if actor is not None and actor.pk else None
    changes: dict[str, Any] = {
        name: {"from": None if created else getattr(involvement, name), "to": values[name]}
        for name in COUNCIL_SHORT_FIELDS
        if created or getattr(involvement, name) != values[name]
    }
    changed_texts = [n for n in COUNCIL_TEXT_FIELDS if getattr(involvement, n) != values[n]]
    for name, value in values.items():
        setattr(involvement, name, value)
    involvement.save()
    if assessed:
        audit_record(
            actor=actor,
            action=ReviewAction.COUNCIL_ASSESSED,
            target=involvement,
            changes={
                "use_case": use_case.pk,
                "monitoring_capable": monitoring_capable,
                "codetermination_required": monitoring_capable,
                **changes,
                "texts_changed": changed_texts,
            },
        )
    elif changes or changed_texts:
        audit_record(
            actor=actor,
            action=ReviewAction.COUNCIL_UPDATED,
            target=involvement,
            changes={"use_case": use_case.pk, **changes, "texts_changed": changed_texts},
        )
    settled = [Need.COUNCIL_ASSESSMENT]
    if involvement.agreement_status in (AgreementStatus.AGREED, AgreementStatus.NOT_NEEDED):
        settled.append(Need.COUNCIL_AGREEMENT)
    gate_requests_settle(use_case.pk, settled)
    return involvement


council_involvement_save = user_action(_council_involvement_save)


@user_action
def council_involvement_change(
    *, use_case: UseCase, actor: User | None, changes: Mapping[str, Any]
) -> CouncilInvolvement:
    """Change only the fields given; the others keep their stored values."""
    stored = CouncilInvolvement.objects.select_for_update().filter(use_case=use_case).first()
    if stored is None and "monitoring_capable" not in changes:
        raise ReviewsError(MONITORING_CAPABLE_REQUIRED, field="monitoring_capable")
    current: dict[str, Any] = {}
    if stored is not None:
        current = {
            name: getattr(stored, name)
            for name in ("monitoring_capable", *COUNCIL_SHORT_FIELDS, *COUNCIL_TEXT_FIELDS)
        }
    return _council_involvement_save(use_case=use_case, actor=actor, **{**current, **changes})
