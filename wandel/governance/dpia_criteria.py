"""When a use case needs a data protection impact assessment (Art. 35 GDPR).

The threshold check asks the nine criteria of the Article 29 Working Party's guidelines on
DPIAs (WP248 rev.01, endorsed by the EDPB) and the one item of the German supervisory
authorities' must-list (DSK, "Liste der Verarbeitungstätigkeiten, für die eine DSFA
durchzuführen ist", no. 11) that names AI directly. The criteria are data with their
German and English texts; ``dpia_required`` is the rule, without the database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import get_language

# WP248: "In most cases, a data controller can consider that a processing meeting two
# criteria would require a DPIA to be carried out."
WP248_THRESHOLD = 2


@dataclass(frozen=True)
class DpiaCriterion:
    key: str
    title_en: str
    title_de: str
    help_en: str
    help_de: str

    @property
    def title(self) -> str:
        return self.title_de if _german() else self.title_en

    @property
    def help(self) -> str:
        return self.help_de if _german() else self.help_en


def _german() -> bool:
    return (get_language() or "").startswith("de")


WP248_CRITERIA: tuple[DpiaCriterion, ...] = (
    DpiaCriterion(
        "evaluation_scoring",
        "Evaluation or scoring, including profiling and predicting",
        "Bewerten oder Einstufen, einschließlich Profiling und Prognosen",
        "The system assesses or predicts aspects of people: performance at work, reliability, "
        "behaviour, interests, e.g. rating answers of individual agents or ranking applicants.",
        "Das System bewertet oder prognostiziert Aspekte von Personen: Arbeitsleistung, "
        "Zuverlässigkeit, Verhalten, Interessen, z. B. die Antworten einzelner Beschäftigter "
        "bewerten oder Bewerbungen in eine Rangfolge bringen.",
    ),
    DpiaCriterion(
        "automated_decision",
        "Automated decision-making with legal or similarly significant effect",
        "Automatisierte Entscheidung mit Rechtswirkung oder ähnlich erheblicher Wirkung",
        "Outputs decide about people without a person weighing them: access to a service, a "
        "contract, a job, a bonus or a disciplinary step.",
        "Ausgaben entscheiden über Personen, ohne dass ein Mensch sie abwägt: Zugang zu einer "
        "Leistung, ein Vertrag, eine Stelle, eine Prämie oder eine arbeitsrechtliche Maßnahme.",
    ),
    DpiaCriterion(
        "systematic_monitoring",
        "Systematic monitoring",
        "Systematische Überwachung",
        "People are observed, monitored or controlled systematically, e.g. analysing the "
        "chats, e-mails or prompts of employees, or their use of the system over time.",
        "Personen werden systematisch beobachtet, überwacht oder kontrolliert, z. B. durch "
        "Auswertung von Chats, E-Mails oder Prompts der Beschäftigten oder ihrer Nutzung des "
        "Systems über die Zeit.",
    ),
    DpiaCriterion(
        "sensitive_data",
        "Sensitive data or data of a highly personal nature",
        "Vertrauliche oder höchstpersönliche Daten",
        "Special categories (Art. 9 GDPR: health, trade-union membership, religion …), "
        "criminal offences, or highly personal data such as private communication, "
        "location or financial data.",
        "Besondere Kategorien (Art. 9 DSGVO: Gesundheit, Gewerkschaftszugehörigkeit, "
        "Religion …), Straftaten oder höchstpersönliche Daten wie private Kommunikation, "
        "Standort- oder Finanzdaten.",
    ),
    DpiaCriterion(
        "large_scale",
        "Data processed on a large scale",
        "Datenverarbeitung in großem Umfang",
        "Consider the number of people concerned, the amount and range of data, how long "
        "and how widely it is processed, e.g. all employees or all customers.",
        "Maßgeblich sind die Zahl der Betroffenen, Menge und Vielfalt der Daten sowie Dauer "
        "und Reichweite der Verarbeitung, z. B. alle Beschäftigten oder alle Kundinnen und "
        "Kunden.",
    ),
    DpiaCriterion(
        "matching_datasets",
        "Matching or combining datasets",
        "Abgleichen oder Zusammenführen von Datensätzen",
        "Data from different sources or purposes is brought together in a way people would "
        "not expect, e.g. indexing HR files, tickets and e-mails for one retrieval system.",
        "Daten aus verschiedenen Quellen oder Zwecken werden auf eine Weise zusammengeführt, "
        "mit der die Betroffenen nicht rechnen, z. B. Personalakten, Tickets und E-Mails in "
        "einem gemeinsamen Suchindex.",
    ),
    DpiaCriterion(
        "vulnerable_subjects",
        "Data concerning vulnerable data subjects",
        "Daten zu schutzbedürftigen Betroffenen",
        "People in a weaker position towards the organisation: employees (WP248 names them "
        "explicitly), children, patients, people who need special protection.",
        "Personen in einer schwächeren Position gegenüber der Organisation: Beschäftigte "
        "(WP248 nennt sie ausdrücklich), Kinder, Patientinnen und Patienten, besonders "
        "schutzbedürftige Personen.",
    ),
    DpiaCriterion(
        "innovative_technology",
        "Innovative use or new technological or organisational solutions",
        "Innovative Nutzung oder Anwendung neuer technologischer oder organisatorischer Lösungen",
        "New technology whose consequences for people are not yet well understood; using "
        "large language models on personal data usually counts.",
        "Neue Technik, deren Folgen für Personen noch wenig bekannt sind; der Einsatz großer "
        "Sprachmodelle auf personenbezogenen Daten zählt in der Regel dazu.",
    ),
    DpiaCriterion(
        "prevents_rights",
        "Processing that prevents people from exercising a right or using a service or contract",
        "Verarbeitung hindert Betroffene an der Ausübung eines Rechts oder der Nutzung einer "
        "Dienstleistung bzw. eines Vertrags",
        "The result can keep someone from a service, a benefit or a contract, e.g. an "
        "assistant that screens requests before a person sees them.",
        "Das Ergebnis kann jemanden von einer Leistung, einem Vorteil oder einem Vertrag "
        "ausschließen, z. B. ein Assistent, der Anliegen vorsortiert, bevor ein Mensch sie "
        "sieht.",
    ),
)

DSK_AI = DpiaCriterion(
    "dsk_ai",
    "Use of artificial intelligence to process personal data in order to steer the "
    "interaction with the people concerned or to evaluate personal aspects of them",
    "Einsatz von künstlicher Intelligenz zur Verarbeitung personenbezogener Daten zur "
    "Steuerung der Interaktion mit den Betroffenen oder zur Bewertung persönlicher Aspekte "
    "der betroffenen Person",
    "German supervisory authorities' must-list (DSK), no. 11: a DPIA is required whenever "
    "this applies, e.g. an AI assistant answering customers or employees, or AI that "
    "evaluates what people write or say.",
    "Muss-Liste der Datenschutzkonferenz (DSK), Nr. 11: Eine DSFA ist immer erforderlich, "
    "wenn dies zutrifft, z. B. ein KI-Assistent, der Kundschaft oder Beschäftigten "
    "antwortet, oder KI, die bewertet, was Menschen schreiben oder sagen.",
)

ALL_CRITERIA: tuple[DpiaCriterion, ...] = (*WP248_CRITERIA, DSK_AI)
KEYS: tuple[str, ...] = tuple(c.key for c in ALL_CRITERIA)


def wp248_count(answers: Mapping[str, bool]) -> int:
    """How many of the nine WP248 criteria apply."""
    return sum(1 for c in WP248_CRITERIA if answers.get(c.key))


def dpia_required(answers: Mapping[str, bool]) -> bool:
    """A DPIA is required when two or more WP248 criteria apply, or the DSK AI item does.

    A criterion that is not answered does not apply.
    """
    return wp248_count(answers) >= WP248_THRESHOLD or bool(answers.get(DSK_AI.key))
