"""The ethics board's checklist: the questions every ethics review answers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from wandel.core.actions import require_transaction, user_action
from wandel.core.audit import audit_record
from wandel.core.models import User
from wandel.governance.reviews.actions import ReviewAction
from wandel.governance.reviews.errors import ReviewsError
from wandel.governance.reviews.ethics.models import EthicsChecklistItem

CHECKLIST_TEXT_REQUIRED = _("Give the question in English and in German.")
UNKNOWN_CHECKLIST_FIELD = _("“%(field)s” is not a field of a checklist item.")
NO_CHECKLIST = _("The ethics checklist has no active items; the ethics board sets it up first.")


# English question, German question, English guidance, German guidance.
DEFAULT_CHECKLIST = (
    (
        "Fairness: does the use case treat every group it affects fairly, so that nobody is "
        "put at a disadvantage in access, results or workload?",
        "Fairness: Behandelt der Anwendungsfall alle betroffenen Gruppen fair, sodass niemand "
        "bei Zugang, Ergebnissen oder Arbeitslast benachteiligt wird?",
        "Think of employees and customers alike: language, age, disability, part-time work, "
        "location. Who benefits, and who carries the burden?",
        "Denken Sie an Beschäftigte wie an Kundinnen und Kunden: Sprache, Alter, Behinderung, "
        "Teilzeit, Standort. Wer profitiert, und wer trägt die Last?",
    ),
    (
        "Bias in data and outputs: have the data used and the model's outputs been checked "
        "for bias, and will bias be noticed in operation?",
        "Verzerrungen in Daten und Ausgaben: Wurden die verwendeten Daten und die Ausgaben "
        "des Modells auf Verzerrungen (Bias) geprüft, und fallen Verzerrungen im Betrieb auf?",
        "E.g. past decisions in the documents the system draws on, stereotypes in generated "
        "text, poorer answers in some languages or dialects. Name the tests and their results.",
        "Z. B. frühere Entscheidungen in den Dokumenten, auf die das System zugreift, "
        "Stereotype in erzeugten Texten, schlechtere Antworten in manchen Sprachen oder "
        "Dialekten. Nennen Sie die Tests und ihre Ergebnisse.",
    ),
    (
        "Transparency to affected people: do the people affected know that AI is involved, "
        "what it does and where its limits are?",
        "Transparenz gegenüber Betroffenen: Wissen die betroffenen Menschen, dass KI "
        "beteiligt ist, was sie tut und wo ihre Grenzen liegen?",
        "Employees and customers should recognise AI-generated content and know whom to ask. "
        "Think of labels, notices and training material.",
        "Beschäftigte und Kundschaft sollen KI-erzeugte Inhalte erkennen und wissen, an wen "
        "sie sich wenden können. Denken Sie an Kennzeichnung, Hinweise und Schulungsunterlagen.",
    ),
    (
        "Impact on jobs and working conditions: how does the use case change tasks, workload, "
        "the skills needed and job security, and how are employees supported?",
        "Auswirkungen auf Arbeitsplätze und Arbeitsbedingungen: Wie verändert der "
        "Anwendungsfall Aufgaben, Arbeitslast, benötigte Fähigkeiten und die Sicherheit der "
        "Arbeitsplätze, und wie werden die Beschäftigten unterstützt?",
        "Consider loss of skills, work intensification, pressure from being measured and "
        "changed roles. Plan training and involve the works council early.",
        "Bedenken Sie Verlust von Fähigkeiten, Arbeitsverdichtung, Druck durch Messbarkeit "
        "und veränderte Rollen. Planen Sie Qualifizierung und beziehen Sie den Betriebsrat "
        "früh ein.",
    ),
    (
        "Human oversight: does a competent person check, correct or overrule the outputs "
        "before they take effect, with the time and the authority to do so?",
        "Menschliche Aufsicht: Prüft, korrigiert oder verwirft eine fachkundige Person die "
        "Ausgaben, bevor sie wirksam werden, und hat sie dafür Zeit und Befugnis?",
        "Say who checks what and how often, and what happens when the system is wrong. Guard "
        "against accepting results unseen (automation bias).",
        "Sagen Sie, wer was wie oft prüft und was geschieht, wenn das System irrt. Beugen "
        "Sie dem ungeprüften Übernehmen von Ergebnissen vor (Automation Bias).",
    ),
    (
        "Contestability: can people affected by an AI-supported result question it, get an "
        "explanation and have it reviewed by a person?",
        "Anfechtbarkeit: Können Betroffene ein KI-gestütztes Ergebnis in Frage stellen, eine "
        "Erklärung bekommen und es von einem Menschen überprüfen lassen?",
        "Describe the way to object (contact, form, office hours), who answers and how fast.",
        "Beschreiben Sie den Weg für Einwände (Ansprechperson, Formular, Sprechstunde), wer "
        "antwortet und wie schnell.",
    ),
)
CHECKLIST_FIELDS = ("text_en", "text_de", "help_en", "help_de", "position", "active")


@user_action
def checklist_ensure_defaults(**kwargs: Any) -> None:
    """The ethics board's starting checklist, created after migrate when none exists, and
    recorded in the audit log like any other change of the checklist."""
    if EthicsChecklistItem.objects.exists():
        return
    created = EthicsChecklistItem.objects.bulk_create(
        EthicsChecklistItem(
            text_en=text_en,
            text_de=text_de,
            help_en=help_en,
            help_de=help_de,
            position=(position + 1) * 10,
        )
        for position, (text_en, text_de, help_en, help_de) in enumerate(DEFAULT_CHECKLIST)
    )
    audit_record(
        actor=None,
        action=ReviewAction.CHECKLIST_SEEDED,
        changes={"seeded": [item.text_en for item in created]},
    )


def _checklist_item_save(
    *, item: EthicsChecklistItem | None, actor: User | None, **fields: Any
) -> EthicsChecklistItem:
    """Add a checklist item (``item`` None) or change one; items are retired, not deleted,
    because completed reviews keep their answers to them."""
    unknown = set(fields) - set(CHECKLIST_FIELDS)
    if unknown:
        raise ReviewsError(UNKNOWN_CHECKLIST_FIELD % {"field": sorted(unknown)[0]})
    for name in ("text_en", "text_de", "help_en", "help_de"):
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    require_transaction("checklist_item_save")
    if item is None:
        item = EthicsChecklistItem()
        before: dict[str, Any] = {}
    else:
        stored = EthicsChecklistItem.objects.select_for_update().get(pk=item.pk)
        before = {name: getattr(stored, name) for name in CHECKLIST_FIELDS}
    for name, value in fields.items():
        setattr(item, name, value)
    if not item.text_en or not item.text_de:
        raise ReviewsError(CHECKLIST_TEXT_REQUIRED)
    item.full_clean()
    item.save()
    changes = {
        name: {"from": before.get(name), "to": getattr(item, name)}
        for name in CHECKLIST_FIELDS
        if before.get(name) != getattr(item, name)
    }
    if changes:
        audit_record(
            actor=actor,
            action=ReviewAction.CHECKLIST_CHANGED,
            target=item,
            changes={"created": not before, **changes},
        )
    return item


def checklist_items(*, include_inactive: bool = False) -> QuerySet[EthicsChecklistItem]:
    items = EthicsChecklistItem.objects.all()
    return items if include_inactive else items.filter(active=True)


checklist_item_save = user_action(_checklist_item_save)


@dataclass(frozen=True)
class ChecklistChange:
    """One row of the checklist page: an existing item (or None for a new one) and its
    fields."""

    item: EthicsChecklistItem | None
    fields: Mapping[str, Any]


@user_action
def checklist_save(*, changes: list[ChecklistChange], actor: User | None) -> int:
    """Save every changed row of the checklist page at once, or none of them."""
    for change in changes:
        _checklist_item_save(item=change.item, actor=actor, **change.fields)
    return len(changes)
