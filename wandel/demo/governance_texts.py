"""The demo company's governance, as data: its two bodies, what each hand-written use case
went through (EU AI Act classification, DPIA, ethics review, works council), its budget
requests, its risk register and the decisions that are not about a single use case.

Days are counted back from the day the demo is loaded, like the portfolio's. Who acts is
named by the e-mail address of a demo login, or ``owner`` for the use case's product owner.
``governance.py`` loads all of it through the governance services.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from wandel.demo.use_cases import ADMIN, COUNCIL, ETHICS, IT, OWNER, PRIVACY, STEERCO, TRAINER

STEERING_NAME = "Lenkungskreis KI"
STEERING_DESCRIPTION = (
    "Entscheidet über Aufnahme, Priorität, Budget und die Gates (Pilot, Regelbetrieb) der "
    "KI-Anwendungsfälle und nimmt Restrisiken an. Tagt monatlich am zweiten Donnerstag; "
    "Vorsitz: kaufmännische Geschäftsführung."
)
STEERING_LOCATION = "Besprechungsraum Geschäftsführung, Werk 1 (und per Video)"
ETHICS_NAME = "Ethikbeirat"
ETHICS_DESCRIPTION = (
    "Prüft Anwendungsfälle mit personenbezogenen Daten oder Auswirkungen auf Beschäftigte "
    "anhand der Ethik-Checkliste und gibt Empfehlungen an den Lenkungskreis. Tagt alle zwei "
    "Monate; der Betriebsrat ist mit einem Mitglied vertreten."
)
ETHICS_LOCATION = "Schulungsraum Personal, Werk 1"

# Members beyond the role holders: (e-mail, body, role in the body, days ago, ended days ago).
STEERING = "steering"
ETHICS_BOARD = "ethics"
GUESTS = (
    (ADMIN, STEERING, "guest", 420, None),
    (COUNCIL, ETHICS_BOARD, "member", 380, None),
    (PRIVACY, ETHICS_BOARD, "guest", 380, None),
    # Took over the seat of the member from quality management who left the company.
    (IT, ETHICS_BOARD, "member", 40, None),
)
REPORT_ITEM = "Bericht der Programmleitung: Stand des KI-Programms"
REPORT_MINUTES = (
    "Die Programmleitung berichtet über den Stand des Portfolios, die Schulungen zur "
    "KI-Kompetenz und den Betrieb der lokalen KI-Plattform. Keine Einwände."
)
ETHICS_REPORT_ITEM = "Rückblick: Empfehlungen und offene Auflagen"
ETHICS_REPORT_MINUTES = (
    "Der Vorsitz berichtet, welche Empfehlungen der Lenkungskreis übernommen hat und welche "
    "Auflagen noch offen sind."
)

OUTCOME_DE = {
    "approved": "freigegeben",
    "approved_with_conditions": "freigegeben mit Auflagen",
    "rejected": "abgelehnt",
    "deferred": "vertagt",
}
RISK_CLASS_DE = {
    "prohibited": "verbotene Praxis (Art. 5)",
    "high": "Hochrisiko (Anhang III)",
    "transparency": "Transparenzpflichten (Art. 50)",
    "minimal": "minimales Risiko",
}
STAGE_DE = {"pilot": "den Pilotbetrieb", "production": "den Regelbetrieb"}
GATE_ITEM = {"pilot": "Pilot-Gate: {title}", "production": "Gate Regelbetrieb: {title}"}
GATE_TEXT = {
    "pilot": "Der Lenkungskreis gibt „{title}“ für den Pilotbetrieb frei.",
    "production": "Der Lenkungskreis gibt „{title}“ für den Regelbetrieb frei.",
}
# What the gate decision names as its basis, by the need of ``governance.rules``.
BASIS_DE = {
    "classification": "Einstufung nach KI-Verordnung: {risk_class}",
    "ethics_review": "positives Votum des Ethikbeirats",
    "dpia_check": "Schwellwertprüfung DSFA",
    "dpia": "abgeschlossene DSFA",
    "council_assessment": "Prüfung der Mitbestimmung",
    "council_agreement": "Betriebsvereinbarung ({reference})",
    "high_risk_obligations": "bestätigte Betreiberpflichten für Hochrisiko-Systeme",
}
PRIORITY_ITEM = "Aufnahme ins Portfolio: {title}"
PRIORITY_APPROVED = (
    "Der Lenkungskreis nimmt „{title}“ in das Portfolio auf und gibt die Umsetzung als "
    "Co-Creation-Sprint frei."
)
PRIORITY_REJECTED = "Der Lenkungskreis lehnt „{title}“ ab. Begründung: {reason}"

# The EU AI Act classification ------------------------------------------------------------

_BASE = {
    "ai_system": "yes",
    "role": "deployer",
    "gpai_model": "no",
    "prohibited_practices": ["none"],
    "biometric_use": "no",
    "annex_iii_area": ["none"],
    "annex_i_product": "no",
    "employee_effect": ["none"],
    "per_user_evaluation": "no",
    "interaction": "no",
    "generated_content": ["none"],
}
_TEXT = {"generated_content": ["text"], "public_text": "no"}
_CHAT = {"interaction": "yes", **_TEXT}

# Answer sets of the shipped questionnaire, by the kind of use case.
PROFILES: dict[str, dict[str, object]] = {
    # Finds, sorts or extracts; nobody talks to it.
    "tool": dict(_BASE),
    # Writes drafts that a person checks.
    "text": {**_BASE, **_TEXT},
    # Changes how a team works, but evaluates nobody.
    "staff": {**_BASE, "employee_effect": ["work_changes"]},
    # Could be used to evaluate shifts or people.
    "staff_monitoring": {**_BASE, "employee_effect": ["monitoring", "work_changes"]},
    # Drafts text from what employees write or say.
    "text_staff": {**_BASE, **_TEXT, "employee_effect": ["monitoring", "work_changes"]},
    # A chat assistant: people talk to it (Art. 50 (1)).
    "chat": {**_BASE, **_CHAT},
    "chat_staff": {**_BASE, **_CHAT, "employee_effect": ["monitoring", "work_changes"]},
    # Texts the company publishes under its editorial responsibility.
    "marketing": {**_BASE, "generated_content": ["text"], "public_text": "editorial"},
    # Human resources, but none of the Annex III purposes.
    "hr_texts": {
        **_BASE,
        **_TEXT,
        "annex_iii_area": ["employment"],
        "employment_purpose": ["none"],
    },
    # Ranking applicants: high-risk (Annex III no. 4 (a)).
    "recruitment": {
        **_BASE,
        "annex_iii_area": ["employment"],
        "employment_purpose": ["recruitment"],
        "profiling": "yes",
        "decisions_on_people": "yes",
        "public_body": "no",
    },
    # Emotion recognition at the workplace: prohibited (Art. 5 (1) (f)).
    "emotion": {
        "ai_system": "yes",
        "role": "deployer",
        "gpai_model": "no",
        "prohibited_practices": ["emotion_workplace"],
        "emotion_basis": "biometric",
        "emotion_exception": "no",
    },
}

# The classifier's reason for each answer, by question and answer ("+"-joined for several).
RATIONALES: dict[str, dict[str, str]] = {
    "ai_system": {
        "yes": "Sprachmodell auf der lokalen KI-Plattform; es leitet aus Eingaben Ausgaben ab.",
    },
    "role": {
        "deployer": (
            "Wir betreiben ein fertiges Modell unter der Verantwortung des Anbieters und "
            "verändern es nicht wesentlich."
        ),
    },
    "gpai_model": {
        "no": (
            "Wir betreiben ein fertiges Sprachmodell, ohne es nachzutrainieren oder selbst "
            "in Verkehr zu bringen."
        ),
    },
    "prohibited_practices": {
        "none": "Keine der Praktiken nach Art. 5 trifft zu.",
        "emotion_workplace": (
            "Das System soll aus Stimmaufnahmen Emotionen ableiten – auch die der "
            "Hotline-Beschäftigten an ihrem Arbeitsplatz."
        ),
    },
    "emotion_basis": {
        "biometric": "Grundlage sind Stimmaufnahmen, also biometrische Daten (Art. 3 Nr. 39).",
    },
    "emotion_exception": {
        "no": "Kein medizinischer Zweck und kein Sicherheitszweck; es geht um Servicequalität.",
    },
    "biometric_use": {"no": "Keine Emotionserkennung und keine biometrischen Daten."},
    "annex_iii_area": {
        "none": "Kein Bereich aus Anhang III betroffen.",
        "employment": "Einsatz im Personalwesen (Anhang III Nr. 4).",
    },
    "employment_purpose": {
        "none": (
            "Das System formuliert nur Texte; es wählt keine Menschen aus und bewertet niemanden."
        ),
        "recruitment": "Das System soll Bewerbungen sichten und in eine Rangfolge bringen.",
    },
    "annex_i_product": {"no": "Kein Sicherheitsbauteil eines Produkts nach Anhang I."},
    "profiling": {
        "yes": "Die Rangfolge beruht auf einem Profil jeder Bewerberin und jedes Bewerbers."
    },
    "decisions_on_people": {
        "yes": "Die Rangfolge bestimmt mit, wer zum Gespräch eingeladen wird.",
    },
    "public_body": {"no": "Privates Industrieunternehmen ohne öffentliche Aufgaben."},
    "employee_effect": {
        "none": "Aufgaben und Arbeitsbedingungen ändern sich nicht; niemand wird bewertet.",
        "work_changes": "Verändert die Abläufe des Teams, bewertet aber niemanden.",
        "monitoring+work_changes": (
            "Verändert Abläufe; aus den verarbeiteten Daten ließen sich Rückschlüsse auf "
            "einzelne Beschäftigte ziehen (mitbestimmungspflichtig)."
        ),
    },
    "per_user_evaluation": {
        "no": (
            "Das Gateway protokolliert nur pseudonymisiert; niemand im Unternehmen kann "
            "Einträge einer Person zuordnen."
        ),
    },
    "interaction": {
        "no": "Niemand unterhält sich mit dem System; es arbeitet im Hintergrund.",
        "yes": "Beschäftigte stellen dem Assistenten Fragen im Chatfenster.",
    },
    "generated_content": {
        "none": "Es ordnet zu, extrahiert oder findet vorhandene Inhalte.",
        "text": "Es erzeugt Textentwürfe, die ein Mensch prüft.",
    },
    "public_text": {
        "no": "Die Texte werden nicht zur Information der Öffentlichkeit veröffentlicht.",
        "editorial": "Veröffentlichung nur nach Freigabe durch die Unternehmenskommunikation.",
    },
}

# Evidence that an obligation is met, by obligation.
EVIDENCE: dict[str, str] = {
    "ai_literacy": (
        "Alle Nutzerinnen und Nutzer haben die Schulung „KI-Kompetenz Grundlagen“ absolviert; "
        "Teilnahmeliste bei der Personalentwicklung."
    ),
    "t_interaction": (
        "Hinweis „Sie sprechen mit einem KI-Assistenten“ im Chatfenster; Screenshot in der "
        "Betriebsdokumentation."
    ),
    "hr_instructions": "Betriebsanleitung des Anbieters liegt vor; Einsatz wie dort beschrieben.",
    "hr_oversight": "Benannte Fachverantwortliche mit Schulung prüfen jedes Ergebnis.",
    "hr_input_data": "Eingabedaten wurden auf Relevanz und Repräsentativität geprüft.",
    "hr_monitoring": "Betriebsüberwachung und Meldeweg für Vorfälle im Betriebskonzept geregelt.",
    "hr_logs": "Protokolle werden zwölf Monate aufbewahrt.",
    "hr_inform_workers": "Betriebsrat und Beschäftigte wurden vor dem Einsatz informiert.",
    "hr_inform_people": "Betroffene werden im Verfahren auf den KI-Einsatz hingewiesen.",
    "hr_dpia": "DSFA abgeschlossen und von der Datenschutzbeauftragten freigegeben.",
    "hr_fria": "Grundrechte-Folgenabschätzung liegt vor.",
    "hr_register_use": "Nicht einschlägig geprüft; Registrierung erfolgt.",
    "non_high_risk_record": "Bewertung, dass das System nicht hochriskant ist, ist abgelegt.",
    "t_emotion_biometric": "Betroffene werden vorab informiert.",
    "t_deep_fake": "Erzeugte Medien sind gekennzeichnet.",
    "t_public_text": "Veröffentlichte KI-Texte sind gekennzeichnet.",
    "t_provider_marking": "Maschinenlesbare Kennzeichnung ist aktiv.",
    "stop_prohibited": "Die Praxis wird nicht eingesetzt.",
    "provider_high_risk": "Anbieterpflichten sind vertraglich geregelt.",
}
GENERIC_EVIDENCE = "Nachweis in der Projektdokumentation abgelegt."


# What each use case went through -------------------------------------------------------


@dataclass(frozen=True)
class ConditionSpec:
    """A condition of a decision or an ethics review, due some days after it."""

    text: str
    owner: str
    due_after: int
    # Days after the decision when it was met; None while it is open.
    closed_after: int | None = None
    closing_note: str = ""


@dataclass(frozen=True)
class EthicsSpec:
    # "" while the review is still in progress.
    outcome: str
    reasons: str
    # Notes of concerns and of items that do not apply, by position in the checklist (0–5).
    concerns: Mapping[int, str] = field(default_factory=dict)
    not_applicable: tuple[int, ...] = ()
    conditions: tuple[ConditionSpec, ...] = ()


@dataclass(frozen=True)
class DpiaSpec:
    # The threshold criteria that apply (keys of ``governance.dpia_criteria``).
    criteria: tuple[str, ...]
    # Sections of the DPIA that are written; none: no DPIA was started.
    sections: Mapping[str, str] = field(default_factory=dict)
    signed_off: bool = True


@dataclass(frozen=True)
class CouncilSpec:
    monitoring_capable: bool
    status: str
    # ``{year}`` becomes the year the agreement was signed.
    reference: str = ""
    clauses: str = ""
    notes: str = ""


@dataclass(frozen=True)
class GovernanceSpec:
    profile: str = ""
    # Obligations confirmed although no gate asks for them.
    confirm: tuple[str, ...] = ()
    dpia: DpiaSpec | None = None
    ethics: EthicsSpec | None = None
    council: CouncilSpec | None = None
    # Gate decisions: the text, and the conditions that make it an approval with conditions.
    gate_texts: Mapping[str, str] = field(default_factory=dict)
    gate_conditions: Mapping[str, tuple[ConditionSpec, ...]] = field(default_factory=dict)
    # Blocked at the pilot gate: the steering committee deferred it with this text …
    deferred: str = ""
    # … after its owner tried to start the pilot anyway.
    refused_move: bool = False


DPIA_DRAFT_8D = {
    "description": (
        "Das System liest Reklamations-E-Mails der Kunden (mit Namen und Kontaktdaten der "
        "Ansprechpartner), Prüfprotokolle und Lieferdaten und entwirft daraus die Schritte D1 "
        "bis D4 des 8D-Berichts. Verarbeitung auf der lokalen KI-Plattform."
    ),
    "necessity": (
        "Rechtsgrundlage Art. 6 Abs. 1 Buchst. b und f DSGVO. Namen werden für die "
        "Rückmeldung an den Kunden gebraucht; alle übrigen personenbezogenen Angaben werden "
        "vor der Verarbeitung entfernt. Löschung mit dem 8D-Vorgang."
    ),
}

SPECS: dict[str, GovernanceSpec] = {
    # Production
    "Antwortentwürfe für Kundenservice-Anfragen": GovernanceSpec(
        profile="text_staff",
        dpia=DpiaSpec(
            ("large_scale", "innovative_technology", "dsk_ai"),
            {
                "description": (
                    "Ein Sprachmodell entwirft Antworten auf Kundenanfragen aus Tickets "
                    "(Namen, Kontaktdaten, Anliegen), Handbüchern und früheren Antworten. "
                    "Beschäftigte prüfen jeden Entwurf und versenden ihn selbst."
                ),
                "necessity": (
                    "Art. 6 Abs. 1 Buchst. b DSGVO (Bearbeitung der Kundenanfrage). Es werden "
                    "nur die Daten des jeweiligen Tickets verarbeitet; Prompts und Entwürfe "
                    "werden nach 30 Tagen gelöscht."
                ),
                "risks": (
                    "Falsche Zusagen an Kunden; Offenlegung von Daten anderer Kunden über "
                    "ähnliche Tickets; Auswertung der Arbeit einzelner Beschäftigter."
                ),
                "measures": (
                    "Betrieb nur auf der lokalen Plattform; Abruf früherer Tickets nur ohne "
                    "Kundendaten; Versand nur nach Freigabe durch einen Menschen; "
                    "Auswertungen nur auf Teamebene."
                ),
                "dpo_opinion": (
                    "Keine Bedenken bei Umsetzung der Maßnahmen. Überprüfung nach einem Jahr "
                    "Betrieb."
                ),
            },
        ),
        ethics=EthicsSpec(
            "approved_with_conditions",
            "Hoher Nutzen für Kundschaft und Team. Transparenz gegenüber der Kundschaft und "
            "der Schutz vor Leistungsvergleichen müssen gesichert sein.",
            concerns={
                2: "Kundinnen und Kunden erfahren bisher nicht, dass Antworten KI-unterstützt "
                "entworfen werden.",
            },
            conditions=(
                ConditionSpec(
                    "Hinweis auf KI-unterstützte Antworten in die Signatur der Service-E-Mails "
                    "aufnehmen.",
                    OWNER,
                    due_after=30,
                    closed_after=21,
                    closing_note="Signatur seit dem Pilotstart angepasst; Textbaustein im "
                    "Ticketsystem hinterlegt.",
                ),
            ),
        ),
        council=CouncilSpec(
            True,
            "agreed",
            reference="GBV KI-Assistenz {year}",
            clauses=(
                "§ 4 Auswertungen nur auf Teamebene mit mindestens fünf Personen; § 6 keine "
                "Leistungs- und Verhaltenskontrolle; Anlage 2: Antwortentwürfe im Kundenservice."
            ),
            notes="Beratung in zwei Sitzungen des Betriebsrats; Vorführung am Pilotsystem.",
        ),
        gate_conditions={
            "production": (
                ConditionSpec(
                    "Die Übernahmequote wird nur je Team (mindestens fünf Personen) "
                    "ausgewertet; Nachweis an den Betriebsrat.",
                    OWNER,
                    due_after=30,
                    closed_after=18,
                    closing_note="Bericht umgestellt; dem Betriebsrat am Bildschirm gezeigt.",
                ),
            ),
        },
    ),
    "Klassifikation eingehender E-Mails": GovernanceSpec(
        profile="staff",
        dpia=DpiaSpec(("innovative_technology",)),
        ethics=EthicsSpec(
            "approved",
            "Unsichere Zuordnungen sortiert weiterhin ein Mensch; die zwei Kolleginnen aus "
            "dem Posteingang übernehmen die Prüfung der Sonderfälle.",
            not_applicable=(5,),
        ),
        council=CouncilSpec(
            False,
            "not_needed",
            notes="Das System wertet nur Kunden-E-Mails aus, keine Daten der Beschäftigten.",
        ),
    ),
    "Interne Wissenssuche (RAG)": GovernanceSpec(
        profile="chat",
        confirm=("ai_literacy", "t_interaction"),
    ),
    "Übersetzung technischer Dokumentation": GovernanceSpec(
        profile="text",
        confirm=("ai_literacy",),
    ),
    # Pilot
    "Angebotsentwürfe im Vertrieb": GovernanceSpec(
        profile="text",
        dpia=DpiaSpec(("innovative_technology",)),
        ethics=EthicsSpec(
            "approved",
            "Preise kommen aus dem ERP, jeder Entwurf wird geprüft; keine Bedenken.",
            not_applicable=(5,),
        ),
    ),
    "Code-Review-Assistent": GovernanceSpec(profile="text"),
    "Besprechungsprotokolle zusammenfassen": GovernanceSpec(
        profile="text_staff",
        dpia=DpiaSpec(
            ("vulnerable_subjects", "innovative_technology", "systematic_monitoring"),
            {
                "description": (
                    "Aus Notizen und – nur mit Zustimmung aller Teilnehmenden – Transkripten "
                    "von Besprechungen entsteht ein Protokollentwurf. Verarbeitet werden Namen "
                    "und Wortbeiträge der Teilnehmenden."
                ),
                "necessity": (
                    "Art. 6 Abs. 1 Buchst. f DSGVO (berechtigtes Interesse an vollständigen, "
                    "schnell verfügbaren Protokollen) und die Betriebsvereinbarung "
                    "„KI-Assistenz“, die als spezifischere Vorschrift die Anforderungen des "
                    "Art. 88 Abs. 2 DSGVO erfüllt. Transkripte nur auf Wunsch und mit "
                    "Zustimmung; Löschung nach Freigabe des Protokolls."
                ),
                "risks": (
                    "Auswertung von Redeanteilen oder Stimmungen Einzelner; Mitschnitte ohne "
                    "Wissen aller Teilnehmenden; zu lange Speicherung der Transkripte."
                ),
                "measures": (
                    "Keine Funktion zur Auswertung von Redeanteilen; Hinweis und Zustimmung zu "
                    "Beginn jeder Besprechung; Löschfrist für Transkripte."
                ),
                "dpo_opinion": (
                    "Vertretbar unter der Bedingung, dass Transkripte nach Freigabe sofort "
                    "gelöscht werden."
                ),
            },
        ),
        ethics=EthicsSpec(
            "approved_with_conditions",
            "Nützlich für alle Bereiche; Mitschnitte sind aber ein Eingriff, der nur mit "
            "Zustimmung und kurzer Speicherung vertretbar ist.",
            concerns={
                3: "Mitschnitte können den offenen Austausch in Besprechungen hemmen.",
                4: "Die Protokollführung muss den Entwurf vollständig prüfen, bevor er "
                "verschickt wird.",
            },
            conditions=(
                ConditionSpec(
                    "Zu Beginn jeder aufgezeichneten Besprechung wird auf den Mitschnitt "
                    "hingewiesen und die Zustimmung eingeholt.",
                    IT,
                    due_after=30,
                    closed_after=25,
                    closing_note="Hinweis und Zustimmungsabfrage sind im Start-Dialog eingebaut.",
                ),
                ConditionSpec(
                    "Transkripte werden sofort nach Freigabe des Protokolls gelöscht.",
                    IT,
                    due_after=45,
                ),
            ),
        ),
        council=CouncilSpec(
            True,
            "agreed",
            reference="GBV KI-Assistenz {year}, Anlage 3",
            clauses=(
                "Mitschnitte nur mit Zustimmung aller Teilnehmenden; keine Auswertung von "
                "Redeanteilen oder Stimmungen; Löschung der Transkripte nach Freigabe."
            ),
            notes="Der Betriebsrat hat die Zustimmungsregel in die Anlage 3 aufgenommen.",
        ),
        gate_conditions={
            "pilot": (
                ConditionSpec(
                    "Sofortige Löschung der Transkripte nach Freigabe des Protokolls umsetzen "
                    "(heute: nach 30 Tagen).",
                    IT,
                    due_after=45,
                ),
                ConditionSpec(
                    "Product Ownerin oder Product Owner für den Regelbetrieb benennen.",
                    STEERCO,
                    due_after=150,
                ),
            ),
        },
    ),
    "Wissensassistent für Servicetechniker": GovernanceSpec(
        profile="chat",
        confirm=("t_interaction",),
    ),
    # Prototype: two blocked at the pilot gate, two waiting for the next meeting
    "Reklamationsberichte (8D) vorstrukturieren": GovernanceSpec(
        profile="text",
        dpia=DpiaSpec(
            ("matching_datasets", "innovative_technology"),
            DPIA_DRAFT_8D,
            signed_off=False,
        ),
        deferred=(
            "Pilot-Gate vertagt: Die DSFA ist noch nicht abgeschlossen (Risiken, Maßnahmen und "
            "Stellungnahme der Datenschutzbeauftragten fehlen) und die Ethikprüfung steht aus. "
            "Wiedervorlage, sobald beides vorliegt."
        ),
        refused_move=True,
    ),
    "Fehlerberichte der Produktion auswerten": GovernanceSpec(
        profile="staff_monitoring",
        # Attributable to shifts through the shift plan: personal data, checked, one criterion.
        dpia=DpiaSpec(("vulnerable_subjects",)),
        ethics=EthicsSpec(
            "approved",
            "Auswertung nur nach Anlage und Fehlerbild; keine Bedenken, sofern keine "
            "Auswertung nach Schichten oder Personen möglich ist.",
            not_applicable=(5,),
        ),
        council=CouncilSpec(
            True,
            "in_negotiation",
            reference="Entwurf GBV Störmeldungsauswertung",
            notes=(
                "Zeitpunkt und Anlage einer Meldung lassen Rückschlüsse auf die Schicht zu. Der "
                "Betriebsrat verlangt den technischen Ausschluss von Auswertungen nach "
                "Schichten oder Personen; der Entwurf der Betriebsvereinbarung ist in der "
                "zweiten Lesung."
            ),
        ),
    ),
    "Ausschreibungsunterlagen auswerten": GovernanceSpec(profile="tool"),
    "Onboarding-Assistent für neue Mitarbeitende": GovernanceSpec(
        profile="chat",
        council=CouncilSpec(
            False,
            "not_needed",
            notes=(
                "Keine Daten der Beschäftigten. Der Betriebsrat prüft die Antworten zu "
                "Betriebsvereinbarungen vor dem Pilot stichprobenartig."
            ),
        ),
    ),
    # Approved
    "Vertragsklauseln extrahieren": GovernanceSpec(
        profile="tool",
        dpia=DpiaSpec(("innovative_technology",)),
        ethics=EthicsSpec(
            "",
            "Erste Durchsicht: Die Namen der Unterzeichner werden nicht gebraucht.",
            not_applicable=(3, 5),
        ),
    ),
    "Normenrecherche für die Konstruktion": GovernanceSpec(profile="chat"),
    "Ersatzteilidentifikation aus Kundenbeschreibungen": GovernanceSpec(profile="tool"),
    "Lieferantenanfragen zweisprachig beantworten": GovernanceSpec(
        profile="text", dpia=DpiaSpec(("innovative_technology",))
    ),
    # Assessed
    "Wartungsprotokolle zusammenfassen": GovernanceSpec(profile="text"),
    "Rechnungsprüfung: Abweichungen erkennen": GovernanceSpec(profile="tool"),
    "Stellenanzeigen entwerfen": GovernanceSpec(profile="hr_texts"),
    "Testfälle aus Lastenheften ableiten": GovernanceSpec(profile="text"),
    "Pressemitteilungen und Newsletter entwerfen": GovernanceSpec(profile="marketing"),
    # Retired
    "Textassistent für Produktbeschreibungen": GovernanceSpec(profile="text"),
    "FAQ-Bot zur Zeiterfassung": GovernanceSpec(profile="chat", confirm=("t_interaction",)),
    # Rejected
    "Emotionserkennung in Kundengesprächen": GovernanceSpec(
        profile="emotion",
        dpia=DpiaSpec(
            (
                "evaluation_scoring",
                "systematic_monitoring",
                "sensitive_data",
                "innovative_technology",
                "dsk_ai",
            )
        ),
        ethics=EthicsSpec(
            "rejected",
            "Emotionserkennung am Arbeitsplatz ist nach Art. 5 KI-Verordnung verboten und würde "
            "die Hotline-Beschäftigten überwachen. Der Ethikbeirat empfiehlt die Ablehnung.",
            concerns={
                0: "Anrufende mit Akzent oder Sprachbehinderung würden häufiger als verärgert "
                "eingestuft.",
                2: "Weder Kundschaft noch Beschäftigte könnten die Auswertung erkennen.",
                3: "Die Stimmung der Beschäftigten würde mit ausgewertet – eine "
                "Verhaltenskontrolle.",
            },
        ),
    ),
    "Vorauswahl von Bewerbungen": GovernanceSpec(
        profile="recruitment",
        dpia=DpiaSpec(
            ("evaluation_scoring", "automated_decision", "innovative_technology", "dsk_ai")
        ),
        ethics=EthicsSpec(
            "rejected",
            "Hochrisiko-System nach Anhang III; das Risiko, Bewerbergruppen zu benachteiligen, "
            "lässt sich mit unseren Daten nicht ausschließen.",
            concerns={
                0: "Frühere Einstellungsentscheidungen würden als Muster fortgeschrieben.",
                1: "Kein Test auf Verzerrungen möglich: zu wenige frühere Bewerbungen je Gruppe.",
                5: "Abgelehnte Bewerberinnen und Bewerber erführen nicht, warum.",
            },
        ),
    ),
    "Automatische Preisfindung für Sonderanfertigungen": GovernanceSpec(profile="tool"),
    # On hold
    "Lieferterminprognose aus dem E-Mail-Verkehr": GovernanceSpec(
        profile="tool", dpia=DpiaSpec(("innovative_technology",))
    ),
    "Sprachassistent für die Montage": GovernanceSpec(
        profile="chat_staff",
        dpia=DpiaSpec(
            ("vulnerable_subjects", "innovative_technology"),
            {
                "description": (
                    "Sprachbefehle der Monteurinnen und Monteure werden auf der lokalen "
                    "Plattform erkannt und nicht gespeichert."
                ),
            },
            signed_off=False,
        ),
        council=CouncilSpec(
            True,
            "in_negotiation",
            notes="Ruht mit dem Prototyp; offen ist, ob Headsets Nutzungszeiten je Person "
            "protokollieren.",
        ),
    ),
}

# Budget requests ---------------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetSpec:
    use_case: str
    title: str
    amount: int
    requested_days_ago: int
    justification: str
    # No outcome: the request still waits for the steering committee.
    outcome: str = ""
    approved: int | None = None
    text: str = ""
    conditions: tuple[ConditionSpec, ...] = ()
    # A correction of the decision: (approved amount, text).
    correction: tuple[int, str] | None = None
    # (days ago, amount, what for)
    spend: tuple[tuple[int, int, str], ...] = ()


BUDGETS = (
    BudgetSpec(
        "Antwortentwürfe für Kundenservice-Anfragen",
        "Pilot und Rollout der Antwortentwürfe",
        60_000,
        300,
        "Co-Creation-Sprint mit externem Entwicklerteam, Anbindung des Ticketsystems, "
        "Schulung von 45 Beschäftigten.",
        outcome="approved",
        approved=55_000,
        text="Bewilligt 55.000 EUR; die Schulung übernimmt die Personalentwicklung aus "
        "ihrem Budget.",
        spend=(
            (250, 18_000, "Co-Creation-Sprint (externes Entwicklerteam)"),
            (190, 21_500, "Anbindung Ticketsystem und Freigabe-Workflow"),
            (120, 12_400, "Rollout: Einrichtung für alle Service-Teams"),
        ),
    ),
    BudgetSpec(
        "Interne Wissenssuche (RAG)",
        "Indexierung und Anbindung des Dokumentenmanagements",
        80_000,
        320,
        "Anbindung des Dokumentenmanagements mit Übernahme der Berechtigungen, Indexierung "
        "von rund 400.000 Dokumenten, Tests mit den Fachbereichen.",
        outcome="approved",
        approved=80_000,
        text="Bewilligt wie beantragt.",
        spend=(
            (280, 30_000, "Anbindung Dokumentenmanagement"),
            (200, 34_000, "Indexierung und Tests mit 40 Testkonten"),
            (90, 27_500, "Nachbesserung Berechtigungen und Quellenangaben"),
        ),
    ),
    BudgetSpec(
        "Übersetzung technischer Dokumentation",
        "Terminologieprüfung und Lektorats-Workflow",
        35_000,
        280,
        "Lizenz der Terminologieprüfung und Anpassung des Redaktionssystems für den "
        "Lektorats-Workflow.",
        outcome="approved_with_conditions",
        approved=30_000,
        text="Bewilligt 30.000 EUR unter der Auflage, die Lizenz über den Zentraleinkauf zu "
        "beschaffen.",
        conditions=(
            ConditionSpec(
                "Lizenz der Terminologieprüfung über den Zentraleinkauf beschaffen "
                "(Rahmenvertrag).",
                ADMIN,
                due_after=45,
                closed_after=30,
                closing_note="Über den Rahmenvertrag beschafft; 4.000 EUR günstiger.",
            ),
        ),
        spend=(
            (230, 14_000, "Lizenz Terminologieprüfung"),
            (160, 9_800, "Anpassung Redaktionssystem"),
        ),
    ),
    BudgetSpec(
        "Angebotsentwürfe im Vertrieb",
        "Pilot der Angebotsentwürfe",
        40_000,
        200,
        "Anbindung der Produktdaten aus dem ERP und Pilotbetrieb mit zwölf Beschäftigten im "
        "Innendienst.",
        outcome="approved",
        approved=4_000,
        text="Bewilligt wie beantragt.",
        correction=(
            40_000,
            "Korrektur: Der bewilligte Betrag wurde mit 4.000 EUR erfasst; beschlossen wurden "
            "40.000 EUR wie beantragt.",
        ),
        spend=((130, 16_000, "ERP-Anbindung der Produktdaten"), (60, 7_500, "Pilotbetreuung")),
    ),
    BudgetSpec(
        "Besprechungsprotokolle zusammenfassen",
        "Transkription auf der lokalen Plattform",
        25_000,
        170,
        "Lokales Spracherkennungsmodell und GPU-Kapazität, damit keine Aufnahme das Haus verlässt.",
        outcome="approved",
        approved=25_000,
        text="Bewilligt wie beantragt.",
        spend=((110, 9_000, "GPU-Erweiterung der KI-Plattform"),),
    ),
    BudgetSpec(
        "Wissensassistent für Servicetechniker",
        "Tablets und Offline-Index für den Außendienst",
        28_000,
        150,
        "30 robuste Tablets und ein Offline-Index für Einsätze mit schwacher Mobilfunkverbindung.",
        outcome="approved_with_conditions",
        approved=28_000,
        text="Bewilligt unter der Auflage eines Feldtests vor der Beschaffung aller Tablets.",
        conditions=(
            ConditionSpec(
                "Feldtest mit Offline-Index in drei Kundenwerken, bevor alle Tablets "
                "beschafft werden.",
                OWNER,
                due_after=60,
                closed_after=50,
                closing_note="Feldtest abgeschlossen; Antwortzeit offline unter fünf Sekunden.",
            ),
        ),
        spend=((90, 12_500, "Zehn Tablets für den Feldtest"),),
    ),
    BudgetSpec(
        "Code-Review-Assistent",
        "GPU-Kapazität für das Codemodell",
        18_000,
        120,
        "Zusätzliche GPU-Kapazität, damit Reviews während der Arbeitszeit ohne Wartezeit laufen.",
        outcome="approved",
        approved=18_000,
        text="Bewilligt wie beantragt.",
        spend=((70, 17_200, "GPU-Karten und Einbau"),),
    ),
    BudgetSpec(
        "Reklamationsberichte (8D) vorstrukturieren",
        "Pilot des 8D-Assistenten",
        22_000,
        10,
        "Anbindung der Prüfprotokolle aus dem CAQ-System und Pilot mit zwei Teams.",
    ),
)

# The risk register -------------------------------------------------------------------------


@dataclass(frozen=True)
class MitigationSpec:
    text: str
    status: str
    owner: str
    # Days from today; negative in the past.
    due_in: int | None = None


@dataclass(frozen=True)
class RiskSpec:
    use_case: str
    title: str
    description: str
    category: str
    likelihood: int
    impact: int
    owner: str
    recorded_days_ago: int
    # Days from today; negative: the review is overdue.
    review_in: int
    residual: tuple[int, int] | None = None
    mitigations: tuple[MitigationSpec, ...] = ()
    # "open", "requested" (acceptance waits for the steering committee), "accepted", "closed"
    status: str = "open"
    acceptance: str = ""
    acceptance_conditions: tuple[ConditionSpec, ...] = ()


RISKS = (
    RiskSpec(
        "Antwortentwürfe für Kundenservice-Anfragen",
        "Kundendaten anderer Tickets in Antwortentwürfen",
        "Über ähnliche frühere Tickets könnten Namen oder Anliegen anderer Kunden in einen "
        "Entwurf gelangen.",
        "data_protection",
        3,
        4,
        OWNER,
        290,
        60,
        residual=(1, 4),
        mitigations=(
            MitigationSpec(
                "Frühere Tickets werden nur ohne Kundendaten abgerufen.", "done", IT, None
            ),
            MitigationSpec("Löschkonzept für Prompts und Entwürfe (30 Tage).", "done", PRIVACY),
        ),
    ),
    RiskSpec(
        "Antwortentwürfe für Kundenservice-Anfragen",
        "Schlechtere Entwürfe für fremdsprachige Anfragen",
        "Anfragen auf Englisch oder in einfacher Sprache werden seltener gut beantwortet; "
        "diese Kunden warten länger.",
        "bias",
        2,
        3,
        OWNER,
        150,
        45,
        mitigations=(
            MitigationSpec("Stichprobe von 100 englischen Anfragen je Quartal.", "open", OWNER, 40),
        ),
    ),
    RiskSpec(
        "Antwortentwürfe für Kundenservice-Anfragen",
        "Verlust von Erfahrungswissen im Kundenservice",
        "Neue Kolleginnen und Kollegen lernen die Produkte weniger gut kennen, wenn sie "
        "Entwürfe nur noch freigeben.",
        "employee_impact",
        2,
        3,
        TRAINER,
        120,
        90,
        mitigations=(
            MitigationSpec(
                "Einarbeitung: die ersten vier Wochen ohne Entwürfe.", "in_progress", TRAINER, 30
            ),
        ),
    ),
    RiskSpec(
        "Klassifikation eingehender E-Mails",
        "Prompt-Injection über eingehende E-Mails",
        "Eine präparierte E-Mail könnte versuchen, die Zuordnung zu manipulieren.",
        "security",
        3,
        3,
        IT,
        330,
        120,
        residual=(2, 2),
        mitigations=(
            MitigationSpec("Das System ordnet nur zu und löst keine Aktionen aus.", "done", IT),
            MitigationSpec("Red-Team-Test mit 200 präparierten E-Mails.", "done", IT),
        ),
        status="accepted",
        acceptance="approved",
    ),
    RiskSpec(
        "Interne Wissenssuche (RAG)",
        "Erfundene Antworten ohne passende Quelle",
        "Findet der Assistent nichts, erfindet er in rund zwölf Prozent der Fälle eine "
        "Antwort (Test mit 50 Fragen).",
        "quality_hallucination",
        3,
        3,
        "owner",
        200,
        30,
        residual=(2, 3),
        mitigations=(
            MitigationSpec("Jede Antwort nennt ihre Quelle mit Link.", "done", "owner"),
            MitigationSpec(
                "Antwort „Dazu finde ich nichts“ bei fehlender Quelle.", "in_progress", IT, 40
            ),
        ),
        status="accepted",
        acceptance="approved_with_conditions",
        acceptance_conditions=(
            ConditionSpec(
                "Nachbesserung „Dazu finde ich nichts“ umsetzen und mit 50 Fragen testen.",
                IT,
                due_after=220,
            ),
        ),
    ),
    RiskSpec(
        "Angebotsentwürfe im Vertrieb",
        "Falsche technische Daten in Angebotsentwürfen",
        "In drei von 40 Entwürfen waren technische Daten falsch übertragen; ein Angebot ist "
        "rechtlich bindend.",
        "quality_hallucination",
        3,
        4,
        "owner",
        60,
        30,
        residual=(2, 4),
        mitigations=(
            MitigationSpec(
                "Automatischer Abgleich mit dem Datenblatt vor dem Versand.",
                "in_progress",
                "owner",
                25,
            ),
        ),
        status="requested",
    ),
    RiskSpec(
        "Code-Review-Assistent",
        "Abfluss von Quellcode der Steuerungssoftware",
        "Quellcode könnte über externe Dienste das Firmennetz verlassen.",
        "security",
        1,
        5,
        IT,
        300,
        180,
        residual=(1, 5),
        mitigations=(
            MitigationSpec("Betrieb ausschließlich auf der lokalen Plattform.", "done", IT),
        ),
        status="closed",
    ),
    RiskSpec(
        "Besprechungsprotokolle zusammenfassen",
        "Transkripte werden länger gespeichert als nötig",
        "Transkripte werden erst nach 30 Tagen gelöscht statt nach Freigabe des Protokolls.",
        "data_protection",
        4,
        3,
        IT,
        110,
        -20,
        residual=(3, 3),
        mitigations=(
            MitigationSpec("Sofortlöschung nach Freigabe des Protokolls.", "in_progress", IT, -10),
        ),
    ),
    RiskSpec(
        "Wissensassistent für Servicetechniker",
        "Assistent bei schwacher Mobilfunkverbindung nicht nutzbar",
        "In Kundenwerken dauerten Antworten teils über 30 Sekunden.",
        "operational",
        4,
        2,
        OWNER,
        100,
        60,
        mitigations=(MitigationSpec("Offline-Index auf den Tablets.", "in_progress", IT, 45),),
    ),
    RiskSpec(
        "Vertragsklauseln extrahieren",
        "Übersehene Haftungsklauseln",
        "Eine nicht erkannte Haftungs- oder Vertragsstrafenklausel könnte teuer werden.",
        "legal",
        3,
        4,
        ETHICS,
        80,
        60,
        mitigations=(
            MitigationSpec(
                "Juristische Prüfung bleibt Pflicht; das System markiert nur Fundstellen.",
                "open",
                ETHICS,
                60,
            ),
        ),
    ),
    RiskSpec(
        "Vorauswahl von Bewerbungen",
        "Benachteiligung von Bewerbergruppen",
        "Ein Ranking nach früheren Einstellungen würde deren Muster fortschreiben.",
        "bias",
        4,
        5,
        ETHICS,
        200,
        30,
        mitigations=(
            MitigationSpec("Anwendungsfall abgelehnt; keine Umsetzung.", "done", STEERCO),
        ),
        status="closed",
    ),
    RiskSpec(
        "",
        "Leistungskontrolle über Nutzungsprotokolle der KI-Plattform",
        "Die Protokolle der Plattform ließen Auswertungen je Person zu.",
        "employee_impact",
        3,
        4,
        ADMIN,
        360,
        90,
        residual=(1, 4),
        mitigations=(
            MitigationSpec(
                "GBV KI-Assistenz: Auswertungen nur auf Teamebene, Protokollzugriff nur für "
                "die IT-Sicherheit.",
                "done",
                ADMIN,
            ),
        ),
    ),
    RiskSpec(
        "",
        "Urheberrechte an erzeugten Texten",
        "Erzeugte Texte könnten geschützte Passagen Dritter wiedergeben.",
        "legal",
        2,
        3,
        ETHICS,
        260,
        100,
        mitigations=(
            MitigationSpec(
                "Nutzungsrichtlinie: Veröffentlichung nur nach redaktioneller Prüfung.",
                "done",
                ETHICS,
            ),
        ),
    ),
    RiskSpec(
        "",
        "Ausfall der lokalen KI-Plattform",
        "Alle produktiven Anwendungsfälle laufen auf einer Plattform in einem Rechenzentrum.",
        "operational",
        2,
        4,
        IT,
        340,
        150,
        residual=(2, 2),
        mitigations=(
            MitigationSpec(
                "Manuelle Ersatzprozesse sind für alle Anwendungsfälle dokumentiert.", "done", IT
            ),
        ),
        status="accepted",
        acceptance="approved",
    ),
    RiskSpec(
        "",
        "Neue Modellversionen verändern das Antwortverhalten",
        "Ein Update des Sprachmodells kann geprüfte Prompts unbrauchbar machen.",
        "operational",
        3,
        3,
        IT,
        180,
        20,
        mitigations=(
            MitigationSpec(
                "Regressionstest mit festen Fragen vor jedem Modellwechsel.", "in_progress", IT, 30
            ),
        ),
    ),
)

# Decisions not about a single use case -----------------------------------------------------


@dataclass(frozen=True)
class DecisionSpec:
    body: str
    # Index of the body's past meeting, oldest first (negative counts from the latest);
    # None: the meeting in which the ethics board concluded its review of ``use_case``.
    meeting: int | None
    item: str
    kind: str
    outcome: str
    text: str
    conditions: tuple[ConditionSpec, ...] = ()
    use_case: str = ""


DECISIONS = (
    DecisionSpec(
        STEERING,
        0,
        "Betriebsmodell: lokale KI-Plattform",
        "other",
        "approved",
        "Alle Anwendungsfälle mit internen oder personenbezogenen Daten laufen auf der "
        "lokalen KI-Plattform; externe Dienste nur nach Einzelfreigabe durch die "
        "IT-Sicherheit.",
    ),
    DecisionSpec(
        STEERING,
        1,
        "Nutzungsrichtlinie für generative KI",
        "policy",
        "approved_with_conditions",
        "Der Lenkungskreis verabschiedet die „Nutzungsrichtlinie für generative KI“: keine "
        "vertraulichen Daten in externe Dienste, Kennzeichnung KI-erzeugter Inhalte, "
        "Verantwortung bleibt beim Menschen.",
        conditions=(
            ConditionSpec(
                "Alle Beschäftigten mit Zugang zur KI-Plattform absolvieren die Schulung "
                "„KI-Kompetenz Grundlagen“.",
                TRAINER,
                due_after=120,
                closed_after=110,
                closing_note="Schulungsquote 96 %; die übrigen sind in Elternzeit oder "
                "langzeiterkrankt.",
            ),
        ),
    ),
    DecisionSpec(
        STEERING,
        -3,
        "Priorisierung des Portfolios für das nächste Halbjahr",
        "priority",
        "approved",
        "Schwerpunkte im nächsten Halbjahr: Kundenservice und Wissensmanagement; neue Ideen "
        "aus der Produktion erst nach dem Priorisierungsworkshop.",
    ),
    DecisionSpec(
        ETHICS_BOARD,
        0,
        "Ethik-Checkliste für KI-Anwendungsfälle",
        "policy",
        "approved",
        "Der Ethikbeirat beschließt seine Checkliste mit sechs Fragen (Fairness, Verzerrungen, "
        "Transparenz, Arbeitsplätze, menschliche Aufsicht, Anfechtbarkeit).",
    ),
    DecisionSpec(
        ETHICS_BOARD,
        None,
        "Stellungnahme: Emotionserkennung in Kundengesprächen",
        "other",
        "rejected",
        "Der Ethikbeirat empfiehlt, die Emotionserkennung in Kundengesprächen abzulehnen: "
        "verbotene Praxis nach Art. 5 KI-Verordnung und Verhaltenskontrolle der "
        "Beschäftigten.",
        use_case="Emotionserkennung in Kundengesprächen",
    ),
)
