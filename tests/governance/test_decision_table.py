"""The decision register's table rows, written in Python (``governance.decisions.table``),
against the template loop they replaced, kept here: every kind of row, both languages."""

from __future__ import annotations

import datetime
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.template import engines
from django.utils import translation

from tests.support.governance import at_stage, condition, gate, make_body, make_risk, record
from tests.support.personas import make_person, make_user
from wandel.core.roles import Role
from wandel.governance.budgets.models import BudgetRequest
from wandel.governance.decisions.models import BodyKind, DecisionKind, DecisionOutcome
from wandel.governance.decisions.queries import RegisterFilters, register_table, table_rows
from wandel.governance.decisions.table import decision_rows_html
from wandel.portfolio.use_cases.models import Stage

pytestmark = pytest.mark.django_db

# The loop of _decision_table.html before its rows were written in Python.
TEMPLATE_ROWS = """{% load i18n %}{% for decision in decisions %}
<tr class="decision{% if decision.successor %} superseded{% endif %}">
  <td class="num"><a href="{% url 'governance:decision_detail' decision.pk %}">#{{ decision.pk }}</a></td>
  <td><time datetime="{{ decision.decided_on|date:'Y-m-d' }}">{{ decision.decided_on|date:"SHORT_DATE_FORMAT" }}</time></td>
  <td>{{ decision.body.name }}</td>
  <td>{{ decision.get_kind_display }}{% if decision.gate_stage %}<br><small>{% blocktranslate with gate=decision.get_gate_stage_display %}Gate: {{ gate }}{% endblocktranslate %}</small>{% endif %}</td>
  <td>{% if decision.successor %}<del>{{ decision.text|truncatewords:30 }}</del><br><span class="badge muted">{% translate "superseded" %}</span> <a href="{% url 'governance:decision_detail' decision.successor.pk %}">{% blocktranslate with number=decision.successor.pk %}corrected by #{{ number }}{% endblocktranslate %}</a>{% else %}{{ decision.text|truncatewords:30 }}{% endif %}
    {% if decision.supersedes_id %}<br><small>{% blocktranslate with number=decision.supersedes_id %}corrects #{{ number }}{% endblocktranslate %}</small>{% endif %}</td>
  <td>{% if decision.use_case %}<a href="{% url 'portfolio:use_case_detail' decision.use_case_id %}">{{ decision.use_case.title }}</a>{% endif %}
    {% if decision.budget_request_id %}<br><small>{% translate "Budget request" %}: {{ decision.budget_request.title }}{% if decision.approved_amount is not None %} · {{ decision.approved_amount }} €{% endif %}</small>{% endif %}
    {% if decision.risk_id %}<br><small>{% translate "Risk" %}: {{ decision.risk.title }}</small>{% endif %}</td>
  <td>{% include "governance/decisions/_outcome.html" with outcome=decision.outcome label=decision.get_outcome_display %}</td>
  <td class="num">{% if decision.condition_count %}{{ decision.open_condition_count }} / {{ decision.condition_count }}{% else %}—{% endif %}</td>
</tr>{% endfor %}"""  # noqa: E501


class Markup(HTMLParser):
    """Tags with their attributes in any order, and texts with their spaces collapsed."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.items: list[tuple[object, ...]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.items.append(("start", tag, tuple(sorted(attrs))))

    def handle_endtag(self, tag):
        self.items.append(("end", tag))

    def handle_data(self, data):
        if " ".join(data.split()):
            self.items.append(("text", " ".join(data.split())))


@pytest.fixture
def decisions():
    actor = make_user(Role.STEERING_COMMITTEE)
    body = make_body(BodyKind.STEERING_COMMITTEE, "Lenkungskreis <KI> & Co")
    long_text = " ".join(f"Wort{n}" for n in range(40)) + ' mit "Anführung" & <b>Tag</b>'
    old = record(actor, body, text=long_text, decided_on=datetime.date(2026, 3, 2))
    record(actor, body, supersedes=old, text="Korrigiert", outcome=DecisionOutcome.REJECTED)
    gate(actor, at_stage(Stage.PROTOTYPE, title="Angebote <schneller>"), outcome="deferred")
    request = BudgetRequest.objects.create(
        use_case=at_stage(Stage.PILOT, title="Zusammenfassungen"),
        title="Lizenzen & Betrieb",
        amount_requested=Decimal("5000.00"),
        justification="Pilot.",
    )
    record(
        actor,
        body,
        kind=DecisionKind.BUDGET,
        budget_request=request,
        approved_amount=Decimal("1234.50"),
        outcome=DecisionOutcome.APPROVED_WITH_CONDITIONS,
        conditions=[condition(make_person()), condition(make_person())],
    )
    record(
        actor,
        body,
        kind=DecisionKind.RISK_ACCEPTANCE,
        risk=make_risk(title="Preise <erfunden>"),
        text="Akzeptiert",
    )
    record(actor, body, kind=DecisionKind.BUDGET, budget_request=request, outcome="rejected")
    return list(register_table(RegisterFilters()))


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_rows_are_the_templates_rows(decisions, language):
    assert len(decisions) == 6
    with translation.override(language):
        expected = engines["django"].from_string(TEMPLATE_ROWS).render({"decisions": decisions})
        written = decision_rows_html(decisions)

    assert Markup(written).items == Markup(expected).items
    assert written.count('<tr class="decision') == 6
    assert "&lt;b&gt;Tag&lt;/b&gt;" not in written  # cut after 30 words
    assert "Lenkungskreis &lt;KI&gt; &amp; Co" in written


def test_the_pages_tables_read_the_rows_they_show(decisions):
    # A meeting's and a body's pages read ``table_rows``: the same rows as the register.
    assert [d.pk for d in table_rows().order_by("-decided_on", "-pk")] == [d.pk for d in decisions]
