"""The rows of the decision register's table (``_decision_table.html``), written in Python.

The register, a body's page and a meeting's page list decisions in the same table. As a
template loop its 25 rows took 9 to 11 ms (two links, four translated phrases and a dozen
lookups a row); written here they take about one. The markup is the template's, and
``tests/governance/test_decision_table.py`` holds the two side by side.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from django.template.defaultfilters import truncatewords
from django.urls import reverse
from django.utils.formats import date_format, localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from wandel.core.exports import choice_labels
from wandel.governance.decisions.models import Decision, DecisionKind, DecisionOutcome, GateStage

OUTCOME_TONES: dict[str, str] = {
    DecisionOutcome.APPROVED: "ok",
    DecisionOutcome.APPROVED_WITH_CONDITIONS: "warn",
    DecisionOutcome.REJECTED: "bad",
}


def outcome_badge(outcome: str, label: str) -> str:
    """``_outcome.html``: the outcome's label in a badge of its tone."""
    return f'<span class="badge {OUTCOME_TONES.get(outcome, "muted")}">{escape(label)}</span>'


def decision_rows_html(decisions: Iterable[Decision]) -> SafeString:
    """One ``<tr>`` per decision, as the register's queries read them (``table_rows``)."""
    detail = _prefix("governance:decision_detail")
    use_case_page = _prefix("portfolio:use_case_detail")
    superseded, budget, risk = gettext("superseded"), gettext("Budget request"), gettext("Risk")
    # Each label translated once, not once a row (``get_kind_display`` would).
    kinds, gates = choice_labels(DecisionKind), choice_labels(GateStage)
    outcomes = choice_labels(DecisionOutcome)
    parts = []
    for decision in decisions:
        successor = decision.successor
        text = escape(truncatewords(decision.text, 30))
        parts.append(
            f'<tr class="decision{" superseded" if successor else ""}">'
            f'<td class="num"><a href="{detail}{decision.pk}/">#{decision.pk}</a></td>'
            f'<td><time datetime="{decision.decided_on.isoformat()}">'
            f"{date_format(decision.decided_on, 'SHORT_DATE_FORMAT')}</time></td>"
            f"<td>{escape(decision.body.name)}</td>"
            f"<td>{escape(kinds.get(decision.kind, decision.kind))}"
        )
        if decision.gate_stage:
            label = gates.get(decision.gate_stage, decision.gate_stage)
            gate = gettext("Gate: %(gate)s") % {"gate": label}
            parts.append(f"<br><small>{escape(gate)}</small>")
        parts.append("</td><td>")
        if successor:
            corrected = gettext("corrected by #%(number)s") % {"number": successor.pk}
            parts.append(
                f'<del>{text}</del><br><span class="badge muted">{escape(superseded)}</span> '
                f'<a href="{detail}{successor.pk}/">{escape(corrected)}</a>'
            )
        else:
            parts.append(text)
        if decision.supersedes_id:
            corrects = gettext("corrects #%(number)s") % {"number": decision.supersedes_id}
            parts.append(f"<br><small>{escape(corrects)}</small>")
        parts.append("</td><td>")
        if decision.use_case_id and decision.use_case is not None:
            parts.append(
                f'<a href="{use_case_page}{decision.use_case_id}/">'
                f"{escape(decision.use_case.title)}</a>"
            )
        if decision.budget_request is not None:
            amount = ""
            if decision.approved_amount is not None:
                amount = f" · {localize(decision.approved_amount, use_l10n=True)} €"
            parts.append(
                f"<br><small>{escape(budget)}: {escape(decision.budget_request.title)}"
                f"{escape(amount)}</small>"
            )
        if decision.risk is not None:
            parts.append(f"<br><small>{escape(risk)}: {escape(decision.risk.title)}</small>")
        counts = "—"
        if decision.condition_count:  # type: ignore[attr-defined]
            counts = f"{decision.open_condition_count} / {decision.condition_count}"  # type: ignore[attr-defined]
        outcome = outcomes.get(decision.outcome, decision.outcome)
        parts.append(
            f"</td><td>{outcome_badge(decision.outcome, outcome)}</td>"
            f'<td class="num">{counts}</td></tr>'
        )
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)


def _prefix(name: str) -> str:
    """The address of the page ``name`` of a record without the record's number: the
    number and a slash complete it (the pages are ``…/<id:pk>/``)."""
    address = reverse(name, args=[1])
    assert address.endswith("/1/"), address
    return address[: -len("1/")]
