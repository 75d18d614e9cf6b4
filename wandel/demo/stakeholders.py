"""The stakeholder groups of the demo organisation, with their concerns and engagement log.

Dates are days before the day the demo is loaded, so the log always looks recent.
"""

from __future__ import annotations

from dataclasses import dataclass

from wandel.org.models import AdkarStage, TouchpointKind


@dataclass(frozen=True)
class Concern:
    days_ago: int
    text: str
    response: str = ""


@dataclass(frozen=True)
class Touchpoint:
    days_ago: int
    kind: TouchpointKind
    summary: str
    outcome: str = ""


@dataclass(frozen=True)
class Group:
    name: str
    description: str
    power: int
    interest: int
    adkar_stage: AdkarStage
    units: tuple[str, ...]
    # A login's e-mail address, or "head:<unit code>" for the head of that unit.
    contact: str
    concerns: tuple[Concern, ...]
    touchpoints: tuple[Touchpoint, ...]


K = TouchpointKind

STAKEHOLDER_GROUPS = (
    Group(
        "Geschäftsführung",
        "Die Geschäftsführung ist Auftraggeberin des KI-Programms und leitet den Lenkungskreis KI.",
        5,
        4,
        AdkarStage.REINFORCEMENT,
        ("GF",),
        "steerco@example.com",
        (
            Concern(
                240,
                "Rechnet sich der Betrieb eigener KI-Server? Bis zum Jahresende brauchen wir "
                "belastbare Zahlen zu Nutzen und Kosten.",
                "KPI-Set mit Ausgangswerten aus dem Kundenservice vereinbart; der Lenkungskreis "
                "erhält quartalsweise einen Statusbericht.",
            ),
            Concern(
                45, "Die Pilotprojekte dürfen das Tagesgeschäft in der Hochsaison nicht bremsen."
            ),
        ),
        (
            Touchpoint(
                260,
                K.MEETING,
                "Kick-off des KI-Programms: Ziele, Budgetrahmen und Besetzung des Lenkungskreises.",
                "Budget für die Pilotphase freigegeben; der Lenkungskreis tagt monatlich.",
            ),
            Touchpoint(
                170,
                K.MEETING,
                "Lenkungskreis: Priorisierung der ersten fünf Anwendungsfälle.",
                "KI-Assistent Kundenservice und Angebotsassistent Vertrieb gehen in den Pilot.",
            ),
            Touchpoint(
                75,
                K.MEETING,
                "Lenkungskreis: Zwischenbilanz des Pilots im Kundenservice.",
                "Rollout auf alle Serviceteams beschlossen, Auflage: Quellenangabe in jeder "
                "Antwort.",
            ),
            Touchpoint(
                20,
                K.ONE_ON_ONE,
                "Abstimmung mit der kaufmännischen Geschäftsführerin zum zweiten GPU-Server.",
                "Entscheidung in der nächsten Sitzung des Lenkungskreises.",
            ),
        ),
    ),
    Group(
        "Betriebsrat",
        "Der Betriebsrat bestimmt bei technischen Einrichtungen mit, die Verhalten oder "
        "Leistung überwachen können (§ 87 Abs. 1 Nr. 6 BetrVG), und begleitet das Programm "
        "kritisch-konstruktiv.",
        4,
        5,
        AdkarStage.DESIRE,
        (),
        "council@example.com",
        (
            Concern(
                230,
                "Werden über die Nutzungsprotokolle des KI-Assistenten Leistung oder Verhalten "
                "einzelner Beschäftigter ausgewertet?",
                "Nutzungsdaten werden beim Import pseudonymisiert und nur je Bereich ab fünf "
                "Personen ausgewertet. Das steht so im Entwurf der Betriebsvereinbarung.",
            ),
            Concern(
                200,
                "Die Mitbestimmung muss vor jedem Pilotstart geklärt sein, nicht erst danach.",
                "Der Betriebsrat ist mit Gaststatus im Lenkungskreis; ohne seine Zustimmung "
                "startet kein Pilot.",
            ),
            Concern(
                150,
                "Sorge um Arbeitsplätze im Kundenservice und in der Sachbearbeitung, wenn "
                "Routineanfragen automatisiert beantwortet werden.",
            ),
            Concern(
                30,
                "Schulungen müssen in der Arbeitszeit stattfinden und für alle Schichten "
                "angeboten werden.",
            ),
        ),
        (
            Touchpoint(
                240,
                K.MEETING,
                "Erstinformation des Betriebsrats über das KI-Programm und die lokale "
                "KI-Plattform.",
                "Der Betriebsrat benennt zwei Ansprechpartner und wünscht eine "
                "Rahmen-Betriebsvereinbarung.",
            ),
            Touchpoint(
                190,
                K.WORKSHOP,
                "Workshop zu Datenflüssen und Protokollierung mit Betriebsrat, Datenschutz und IT.",
                "Liste der protokollierten Felder abgestimmt; keine personenbezogene Auswertung.",
            ),
            Touchpoint(
                120,
                K.MEETING,
                "Verhandlung der Rahmen-Betriebsvereinbarung KI, erste Lesung.",
                "Einigung auf eine Mindestgruppengröße von fünf Personen für alle Auswertungen.",
            ),
            Touchpoint(
                60,
                K.INFO_SESSION,
                "Betriebsversammlung: Betriebsrat und Programmleitung stellen den Pilot im "
                "Kundenservice vor.",
                "Viele Fragen zur Arbeitsplatzsicherheit; die FAQ wird ergänzt.",
            ),
            Touchpoint(
                14,
                K.MEETING,
                "Verhandlung der Rahmen-Betriebsvereinbarung KI, zweite Lesung.",
            ),
        ),
    ),
    Group(
        "Datenschutz",
        "Die betriebliche Datenschutzbeauftragte und das Compliance-Team prüfen "
        "Verarbeitungen personenbezogener Daten und Datenschutz-Folgenabschätzungen.",
        4,
        4,
        AdkarStage.KNOWLEDGE,
        ("RC",),
        "privacy@example.com",
        (
            Concern(
                210,
                "Fließen personenbezogene Kundendaten in Prompts oder in den Suchindex des "
                "Assistenten?",
                "Der Index enthält nur freigegebene Handbücher und Wissensartikel; Kundendaten "
                "werden vor der Übergabe an das Modell maskiert.",
            ),
            Concern(
                90,
                "Für den KI-Assistenten im Kundenservice ist eine Datenschutz-Folgenabschätzung "
                "erforderlich.",
            ),
            Concern(40, "Die Löschfristen für Chatverläufe sind noch nicht festgelegt."),
        ),
        (
            Touchpoint(
                220,
                K.ONE_ON_ONE,
                "Erstgespräch mit der Datenschutzbeauftragten zur Architektur der lokalen "
                "KI-Plattform.",
                "Das Verzeichnis der Verarbeitungstätigkeiten wird um die KI-Plattform ergänzt.",
            ),
            Touchpoint(
                190,
                K.WORKSHOP,
                "Gemeinsamer Workshop mit Betriebsrat und IT zu Datenflüssen und Protokollierung.",
                "Maskierung von Kundendaten als Voraussetzung für den Pilot festgelegt.",
            ),
            Touchpoint(
                85,
                K.MEETING,
                "Kick-off der Datenschutz-Folgenabschätzung für den KI-Assistenten im "
                "Kundenservice.",
                "Risikoanalyse bis zum Ende des Quartals.",
            ),
        ),
    ),
    Group(
        "IT-Betrieb",
        "Das Team Infrastruktur & Rechenzentrum betreibt die GPU-Server, das LLM-Gateway und "
        "die Anbindung an SAP und das Ticketsystem.",
        4,
        3,
        AdkarStage.ABILITY,
        ("IT",),
        "it@example.com",
        (
            Concern(
                180,
                "Die GPU-Kapazität reicht nicht, wenn alle Bereiche gleichzeitig live gehen.",
                "Rollout stufenweise nach Bereichen; ein zweiter GPU-Server ist für das nächste "
                "Quartal beantragt.",
            ),
            Concern(
                60,
                "Modell-Updates und Monitoring kommen zum Tagesgeschäft hinzu, ohne zusätzliche "
                "Stelle.",
            ),
        ),
        (
            Touchpoint(
                250,
                K.WORKSHOP,
                "Architektur-Workshop: Inferenzserver und LLM-Gateway für den Betrieb im eigenen "
                "Rechenzentrum.",
                "Entscheidung für vLLM hinter einem LiteLLM-Gateway.",
            ),
            Touchpoint(
                160,
                K.MEETING,
                "Abnahme der Plattform für den Pilotbetrieb.",
                "Betriebshandbuch und Notfallkonzept liegen vor.",
            ),
            Touchpoint(
                50,
                K.MEETING,
                "Kapazitätsplanung für den Rollout im Kundenservice.",
                "Lastspitzen montags vormittags; Antwortzeiten im Zielkorridor.",
            ),
            Touchpoint(10, K.NEWSLETTER, "Wartungsankündigung: Modell-Update am Wochenende."),
        ),
    ),
    Group(
        "Teamleitungen Kundenservice",
        "Die Teamleitungen im Kundenservice führen den ersten Pilot des KI-Assistenten und "
        "tragen ihn als Multiplikatoren in ihre Teams.",
        2,
        5,
        AdkarStage.REINFORCEMENT,
        ("KS",),
        "head:KS",
        (
            Concern(
                140,
                "Der Assistent erfindet gelegentlich Garantiebedingungen (Halluzinationen); "
                "Antworten dürfen nicht ungeprüft an Kunden gehen.",
                "Jede Antwort nennt jetzt den Wissensartikel, aus dem sie stammt; die Freigabe "
                "durch die Mitarbeitenden bleibt Pflicht.",
            ),
            Concern(
                100,
                "Die Wissensdatenbank muss erst aufgeräumt werden. Das ist zusätzliche Arbeit "
                "neben dem Tagesgeschäft.",
            ),
            Concern(
                70,
                "Die Bearbeitungszeit darf nicht zur Leistungskontrolle einzelner Mitarbeitender "
                "herangezogen werden.",
                "Kennzahlen werden nur je Team ab fünf Personen ausgewiesen; so regelt es die "
                "Betriebsvereinbarung.",
            ),
        ),
        (
            Touchpoint(
                200,
                K.WORKSHOP,
                "Use-Case-Workshop: Welche Kundenanfragen kosten am meisten Zeit?",
                "Top 3: Garantiefragen, Ersatzteilverfügbarkeit, Lieferstatus.",
            ),
            Touchpoint(
                150,
                K.WORKSHOP,
                "Hands-on-Training Prompting für alle Teamleitungen.",
                "Alle Teamleitungen geschult; die Selbsteinschätzung ist deutlich gestiegen.",
            ),
            Touchpoint(110, K.MEETING, "Start des Pilots in zwei Serviceteams."),
            Touchpoint(
                65,
                K.SURVEY,
                "Pulsbefragung nach sechs Wochen Pilot.",
                "Zufriedenheit 4,1 von 5; Hauptkritik: falsche Antworten bei Sonderfällen.",
            ),
            Touchpoint(
                35,
                K.MEETING,
                "Retrospektive des Pilots.",
                "Rollout auf alle Teams empfohlen; Feedback-Knopf im Assistenten gewünscht.",
            ),
            Touchpoint(
                7,
                K.ONE_ON_ONE,
                "Abstimmung mit der Leitung Kundenservice zum Einarbeitungsplan für neue "
                "Mitarbeitende.",
            ),
        ),
    ),
    Group(
        "Vertriebsaußendienst",
        "Die Außendienstmitarbeitenden betreuen Maschinenbaukunden in vier Regionen und sind "
        "selten im Büro.",
        3,
        2,
        AdkarStage.DESIRE,
        ("VT",),
        "head:VT",
        (
            Concern(130, "Kein Nutzen erkennbar: Wir sind beim Kunden, nicht am Schreibtisch."),
            Concern(
                110,
                "Angebote enthalten vertrauliche Konditionen, die das Haus nicht verlassen dürfen.",
                "Das Modell läuft ausschließlich im eigenen Rechenzentrum; es gehen keine Daten "
                "an externe Anbieter.",
            ),
        ),
        (
            Touchpoint(
                140,
                K.INFO_SESSION,
                "Vorstellung des KI-Programms auf der Vertriebstagung.",
                "Interesse an einem Angebotsassistenten und an Besuchsberichten.",
            ),
            Touchpoint(
                90, K.NEWSLETTER, "Rundmail mit der Erfolgsgeschichte aus dem Kundenservice."
            ),
            Touchpoint(
                40,
                K.WORKSHOP,
                "Workshop: Besuchsberichte per Spracheingabe zusammenfassen.",
                "Drei Freiwillige testen den Prototyp vier Wochen lang.",
            ),
        ),
    ),
    Group(
        "Meister in der Produktion",
        "Industrie- und Schichtmeister führen die Schichten in Zerspanung, Montage und "
        "Lackiererei.",
        3,
        2,
        AdkarStage.AWARENESS,
        ("PR", "QM"),
        "head:PR",
        (
            Concern(95, "Die Schichtmannschaften haben kaum Zeit für Schulungen am Rechner."),
            Concern(50, "Wer haftet, wenn eine von der KI erstellte Arbeitsanweisung falsch ist?"),
        ),
        (
            Touchpoint(
                100,
                K.INFO_SESSION,
                "Kurzinfo im Meistermeeting: Was ein lokales Sprachmodell kann und was nicht.",
                "Wunsch nach Beispielen aus der Fertigung.",
            ),
            Touchpoint(
                45,
                K.MEETING,
                "Begehung der Montage mit der Programmleitung: mögliche Anwendungsfälle an der "
                "Linie.",
                "Idee: Störungsberichte aus Sprachnotizen erstellen.",
            ),
        ),
    ),
    Group(
        "Entwicklungsteams",
        "Konstruktion, Embedded Software und Versuch: technisch interessiert, aber "
        "zurückhaltend wegen der Geheimhaltung gegenüber Kunden.",
        2,
        4,
        AdkarStage.KNOWLEDGE,
        ("EW",),
        "head:EW",
        (
            Concern(
                160,
                "Dürfen Quellcode und Konstruktionswissen in den Assistenten? Mit Kunden gelten "
                "Geheimhaltungsvereinbarungen.",
                "Quellcode bleibt in einem eigenen Index, auf den nur die Entwicklungsteams "
                "Zugriff haben.",
            ),
            Concern(80, "Die Antworten zu technischen Normen schwanken in der Qualität."),
            Concern(
                55,
                "Wir möchten eigene Anwendungsfälle einbringen, statt nur Vorgaben umzusetzen.",
                "Die Ideenbox ist offen; im nächsten Quartal startet ein Co-Creation-Sprint mit "
                "der Entwicklung.",
            ),
        ),
        (
            Touchpoint(
                170,
                K.WORKSHOP,
                "Ideen-Workshop mit Konstruktion und Embedded Software.",
                "14 Ideen gesammelt, drei davon zur Bewertung vorgemerkt.",
            ),
            Touchpoint(110, K.INFO_SESSION, "Lunch & Learn: Retrieval mit eigenen Dokumenten."),
            Touchpoint(
                30,
                K.MEETING,
                "Abstimmung zum Co-Creation-Sprint „Wissensassistent Entwicklung“.",
                "Sprintteam benannt, Start in drei Wochen.",
            ),
        ),
    ),
    Group(
        "Personalabteilung",
        "Die Personalabteilung verantwortet Qualifizierung und Ausbildung und führt die "
        "Nachweise zur KI-Kompetenz nach Art. 4 KI-Verordnung.",
        2,
        4,
        AdkarStage.ABILITY,
        ("PE",),
        "head:PE",
        (
            Concern(
                150,
                "Schulungsbudget und Freistellung für die KI-Kompetenz (Art. 4 KI-Verordnung) "
                "sind nicht geklärt.",
                "Budget vom Lenkungskreis freigegeben: zwei Stunden Basisschulung für alle, "
                "Vertiefung je nach Rolle.",
            ),
            Concern(
                125,
                "Es darf nicht der Eindruck entstehen, Bewerbungsunterlagen würden automatisiert "
                "vorsortiert.",
                "Personalauswahl ist als Anwendungsfall ausdrücklich ausgeschlossen (Hochrisiko "
                "nach KI-Verordnung).",
            ),
        ),
        (
            Touchpoint(
                180,
                K.MEETING,
                "Abstimmung des Qualifizierungskonzepts KI mit der Personalentwicklung.",
                "Lernpfade für vier Rollen entworfen.",
            ),
            Touchpoint(
                90,
                K.WORKSHOP,
                "Train-the-Trainer für interne KI-Multiplikatoren.",
                "Sechs Multiplikatoren qualifiziert.",
            ),
            Touchpoint(
                25,
                K.MEETING,
                "Auswertung der Schulungsquote je Bereich.",
                "Produktion und Logistik liegen zurück; Zusatztermine für den Schichtbetrieb "
                "geplant.",
            ),
        ),
    ),
    Group(
        "Auszubildende",
        "Auszubildende und dual Studierende aller Ausbildungsberufe: digital affin, aber "
        "bisher kaum eingebunden.",
        1,
        2,
        AdkarStage.AWARENESS,
        ("PR", "EL", "PE"),
        "trainer@example.com",
        (
            Concern(
                70, "Dürfen wir den Assistenten für Berichtshefte und Prüfungsvorbereitung nutzen?"
            ),
            Concern(
                35,
                "Fallen Einstiegsaufgaben weg, sodass die Übernahme nach der Ausbildung "
                "unsicherer wird?",
            ),
        ),
        (
            Touchpoint(
                75,
                K.INFO_SESSION,
                "Azubi-Infotag: Vorstellung des KI-Programms.",
                "Wunsch nach einer eigenen Community-Runde.",
            ),
            Touchpoint(20, K.SURVEY, "Kurzbefragung zur Nutzung von KI im Ausbildungsalltag."),
        ),
    ),
)
