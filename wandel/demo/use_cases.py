"""The hand-written use cases of the demo company, its workshops and the words its scorers use.

Days are counted back from the day the demo is loaded, so the portfolio always looks
current. A use case's ``scores`` are twelve digits in the order of the default criteria
(``portfolio/defaults.py``): four value, four feasibility and four risk criteria, written in
groups of four. ``owner`` names the division whose product owner owns it (KS is
owner@example.com). ``workshop`` says in which workshop the idea was captured.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from wandel.portfolio.measures.models import Direction, RequirementStatus
from wandel.portfolio.use_cases.models import Capability, Stage

C = Capability
S = Stage
R = RequirementStatus

ADMIN = "admin@example.com"
STEERCO = "steerco@example.com"
OWNER = "owner@example.com"
ETHICS = "ethics@example.com"
COUNCIL = "council@example.com"
PRIVACY = "privacy@example.com"
IT = "it@example.com"
TRAINER = "trainer@example.com"
EMPLOYEE = "employee@example.com"


@dataclass(frozen=True)
class KpiSpec:
    name: str
    unit_of_measure: str
    direction: Direction
    baseline: str
    target: str
    # Share of the way from baseline to target the latest measurement has come.
    reached: float


@dataclass(frozen=True)
class RequirementSpec:
    text: str
    status: RequirementStatus = R.NOT_TESTED
    evidence: str = ""


@dataclass(frozen=True)
class CommentSpec:
    author: str
    text: str


@dataclass(frozen=True)
class UseCaseSpec:
    title: str
    unit: str
    capability: Capability
    process: str
    problem: str
    expected_benefit: str
    data_involved: str
    personal_data: bool
    hours: int | None
    people: int | None
    stage: Stage
    submitted_days_ago: int
    submitter: str = ADMIN
    owner: str = ""
    scores: str = ""
    # Rationales that say more than the standard ones, by the criterion's English name.
    notes: Mapping[str, str] = field(default_factory=dict)
    # The stages it passed through, when not the usual way (see ``portfolio.ROUTES``).
    route: tuple[Stage, ...] = ()
    # Reasons of particular moves, by the stage moved to.
    reasons: Mapping[Stage, str] = field(default_factory=dict)
    linked_units: tuple[str, ...] = ()
    team: int = 0
    kpis: tuple[KpiSpec, ...] = ()
    requirements: tuple[RequirementSpec, ...] = ()
    comments: tuple[CommentSpec, ...] = ()
    workshop: str = ""


@dataclass(frozen=True)
class WorkshopSpec:
    title: str
    days_ago: int
    units: tuple[str, ...]
    facilitator: str
    agenda: str
    # Logins taking part; the other participants are drawn from the units' staff.
    logins: tuple[str, ...]
    staff: int
    # Use cases that were already in the portfolio and were brought in to be prioritised.
    brought_in: tuple[str, ...] = ()
    # Share of the participants who voted; the vote stays open below 1.
    voted: float = 1.0


KS_WORKSHOP = "Ideenworkshop Kundenservice"
PR_WORKSHOP = "Priorisierungsworkshop Produktion & Qualität"
FP_WORKSHOP = "Ideenworkshop Finanzen & Personal"

WORKSHOPS = (
    WorkshopSpec(
        KS_WORKSHOP,
        days_ago=410,
        units=("KS",),
        facilitator=TRAINER,
        agenda=(
            "1. Wo kostet uns der Kundenservice heute die meiste Zeit?\n"
            "2. Was kann ein Sprachmodell – und was nicht? Kurze Live-Demo\n"
            "3. Ideen sammeln in drei Gruppen\n"
            "4. Punktabfrage: je drei Punkte pro Person\n"
            "5. Nächste Schritte und Bewertung durch den Lenkungskreis"
        ),
        logins=(OWNER,),
        staff=9,
    ),
    WorkshopSpec(
        PR_WORKSHOP,
        days_ago=80,
        units=("PR", "QM"),
        facilitator=ADMIN,
        agenda=(
            "1. Rückblick: Was hat der Prototyp zu den Fehlerberichten gezeigt?\n"
            "2. Neue Ideen aus den Schichten\n"
            "3. Betriebsrat: Leitplanken für Auswertungen in der Produktion\n"
            "4. Punktabfrage und Priorisierung"
        ),
        logins=(COUNCIL,),
        staff=9,
        brought_in=("Fehlerberichte der Produktion auswerten", "Lieferantenaudits auswerten"),
    ),
    WorkshopSpec(
        FP_WORKSHOP,
        days_ago=3,
        units=("FC", "PE"),
        facilitator=TRAINER,
        agenda=(
            "1. Erfahrungen aus dem Kundenservice: was die Antwortentwürfe gebracht haben\n"
            "2. Ideen aus Finanzen und Personal\n"
            "3. Punktabfrage (läuft bis Ende der Woche)"
        ),
        logins=(ADMIN,),
        staff=7,
        brought_in=("Rechnungsprüfung: Abweichungen erkennen", "Stellenanzeigen entwerfen"),
        voted=0.5,
    ),
)

USE_CASES = (
    # Production ------------------------------------------------------------------------
    UseCaseSpec(
        "Antwortentwürfe für Kundenservice-Anfragen",
        "KS",
        C.GENERATION,
        process="Beantwortung von Kundenanfragen per E-Mail",
        problem=(
            "Die Service-Hotline erhält rund 2.400 E-Mails im Monat. Viele Fragen wiederholen "
            "sich (Lieferstatus, Ersatzteile, Wartungsintervalle), trotzdem wird jede Antwort "
            "von Hand formuliert. Die Erstantwort dauert im Schnitt länger als einen Arbeitstag."
        ),
        expected_benefit=(
            "Das Modell entwirft Antworten aus Handbüchern, Ersatzteilkatalog und früheren "
            "Tickets; die Mitarbeitenden prüfen, ändern und senden. Ziel: Erstantwort am selben "
            "Tag und rund 160 Stunden weniger Schreibarbeit im Monat."
        ),
        data_involved=(
            "Kundentickets aus dem Ticketsystem (mit Namen und Kontaktdaten der Kunden), "
            "Produkthandbücher, Ersatzteilkatalog."
        ),
        personal_data=True,
        hours=160,
        people=45,
        stage=S.PRODUCTION,
        submitted_days_ago=410,
        submitter=OWNER,
        owner="KS",
        scores="5544 4434 3221",
        notes={
            "Personal data": (
                "Kundennamen und Kontaktdaten im Ticket; Verarbeitung nur auf der lokalen "
                "Plattform, DSFA abgeschlossen."
            ),
        },
        reasons={
            S.PRODUCTION: (
                "Pilot erfolgreich: Erstantwortzeit von 26 auf 11 Stunden gesenkt. "
                "Betriebskonzept und Dienstvereinbarung liegen vor."
            ),
        },
        linked_units=("IT",),
        team=4,
        kpis=(
            KpiSpec("Erstantwortzeit", "Stunden", Direction.LOWER, "26", "8", 1.05),
            KpiSpec("Anteil übernommener Entwürfe", "%", Direction.HIGHER, "0", "60", 0.9),
        ),
        requirements=(
            RequirementSpec(
                "Keine erfundenen Preise, Lieferzeiten oder Zusagen im Entwurf",
                R.MET,
                "Stichprobe von 200 Entwürfen im Pilot: keine erfundenen Preise; zwei unklare "
                "Lieferzeitangaben, danach Prompt angepasst.",
            ),
            RequirementSpec(
                "Kein Entwurf wird ohne Prüfung durch einen Menschen versandt",
                R.MET,
                "Versand nur über die Freigabe im Ticketsystem; technisch erzwungen.",
            ),
            RequirementSpec(
                "Antworten in Sie-Form und im Ton des Hauses",
                R.MET,
                "Bewertung durch das Service-Team: 4,4 von 5 Punkten.",
            ),
            RequirementSpec("Englische Anfragen werden auf Englisch beantwortet"),
        ),
        comments=(
            CommentSpec(
                COUNCIL,
                "Der Betriebsrat bittet darum, die Übernahmequote nur je Team und nicht je "
                "Person auszuwerten.",
            ),
            CommentSpec(
                OWNER,
                "Zugesagt: Die Auswertung läuft nur auf Teamebene, mit mindestens fünf "
                "Personen je Gruppe.",
            ),
        ),
        workshop=KS_WORKSHOP,
    ),
    UseCaseSpec(
        "Klassifikation eingehender E-Mails",
        "KS",
        C.CLASSIFICATION,
        process="Posteingang service@ und Verteilung an die Teams",
        problem=(
            "Alle Kundenmails landen in einem Sammelpostfach. Zwei Kolleginnen verteilen sie "
            "täglich von Hand an Hotline, Ersatzteilservice, Reklamationen und Außendienst; "
            "jede siebte Mail landet zuerst im falschen Team."
        ),
        expected_benefit=(
            "Automatische Zuordnung mit Begründung; unsichere Fälle sortiert weiter ein Mensch. "
            "Weniger Weiterleitungen und schnellere Bearbeitung."
        ),
        data_involved="Eingehende Kunden-E-Mails mit Anhängen (Namen, Adressen, Seriennummern).",
        personal_data=True,
        hours=60,
        people=60,
        stage=S.PRODUCTION,
        submitted_days_ago=410,
        submitter=TRAINER,
        owner="KS",
        scores="4434 5534 3121",
        linked_units=("VT",),
        team=2,
        kpis=(
            KpiSpec("Fehlleitungsquote", "%", Direction.LOWER, "14", "4", 1.1),
            KpiSpec("Zeit bis zur Zuordnung", "Minuten", Direction.LOWER, "45", "5", 0.95),
        ),
        requirements=(
            RequirementSpec(
                "Unsichere Zuordnungen (Konfidenz unter 80 %) gehen an das Sammelpostfach",
                R.MET,
                "Schwellwert im Betrieb aktiv; wöchentliche Stichprobe durch die Teamleitung.",
            ),
            RequirementSpec(
                "Reklamationen werden nie als Werbung aussortiert",
                R.MET,
                "Testkorpus mit 500 Reklamationen: keine einzige als Werbung eingestuft.",
            ),
        ),
        workshop=KS_WORKSHOP,
    ),
    UseCaseSpec(
        "Interne Wissenssuche (RAG)",
        "EW",
        C.RETRIEVAL,
        process="Recherche in Konstruktionsrichtlinien, Prüfberichten und Wiki",
        problem=(
            "Wissen aus zwanzig Jahren steckt in Konstruktionsrichtlinien, Prüfberichten, "
            "Wiki-Seiten und Projektordnern. Wer eine Antwort sucht, fragt meist erfahrene "
            "Kolleginnen und Kollegen – und unterbricht sie dabei."
        ),
        expected_benefit=(
            "Fragen in natürlicher Sprache, Antworten mit Quellenangabe aus freigegebenen "
            "Dokumenten. Ziel: Suchzeit von 18 auf 5 Minuten je Frage."
        ),
        data_involved=(
            "Konstruktionsrichtlinien, Prüfberichte, Wiki, freigegebene Projektdokumente; "
            "Berechtigungen aus dem Dokumentenmanagement."
        ),
        personal_data=False,
        hours=220,
        people=180,
        stage=S.PRODUCTION,
        submitted_days_ago=430,
        owner="EW",
        scores="5455 3344 1121",
        notes={
            "Strategic fit": (
                "Leuchtturm des Programms: zeigt, dass die lokale Plattform Wissen sicher "
                "erschließt."
            ),
        },
        linked_units=("QM", "KS"),
        team=5,
        kpis=(
            KpiSpec("Suchzeit je Frage", "Minuten", Direction.LOWER, "18", "5", 0.85),
            KpiSpec(
                "Zufriedenheit mit den Antworten",
                "Punkte (1–5)",
                Direction.HIGHER,
                "2.8",
                "4.2",
                0.8,
            ),
        ),
        requirements=(
            RequirementSpec(
                "Antworten nur aus Dokumenten, die die fragende Person sehen darf",
                R.MET,
                "Berechtigungstest mit 40 Testkonten, gemeinsam mit der IT-Sicherheit.",
            ),
            RequirementSpec(
                "Jede Antwort nennt mindestens eine Quelle mit Link",
                R.MET,
                "Automatischer Test mit 300 Fragen; alle Antworten mit Quelle.",
            ),
            RequirementSpec(
                "Ohne passende Quelle antwortet der Assistent „Dazu finde ich nichts“",
                R.NOT_MET,
                "50 Fragen ohne Antwort im Bestand: sechs ausgedachte Antworten. "
                "Nachbesserung läuft.",
            ),
        ),
    ),
    UseCaseSpec(
        "Übersetzung technischer Dokumentation",
        "EW",
        C.TRANSLATION,
        process="Übersetzung von Betriebsanleitungen und Datenblättern",
        problem=(
            "Betriebsanleitungen und Datenblätter gehen in neun Sprachen an ein externes "
            "Übersetzungsbüro. Das dauert zwei bis drei Wochen je Version und verzögert "
            "Auslieferungen."
        ),
        expected_benefit=(
            "Vorübersetzung auf der lokalen Plattform mit unserem Terminologie-Glossar; das "
            "Übersetzungsbüro lektoriert nur noch. Halbe Kosten, eine Woche schneller."
        ),
        data_involved=(
            "Betriebsanleitungen, Datenblätter, Terminologiedatenbank (keine personenbezogenen "
            "Daten)."
        ),
        personal_data=False,
        hours=90,
        people=25,
        stage=S.PRODUCTION,
        submitted_days_ago=370,
        owner="EW",
        scores="4453 5443 1131",
        notes={
            "Consequences of errors": (
                "Falsch übersetzte Sicherheitshinweise wären gefährlich; sie werden immer von "
                "Fachleuten lektoriert."
            ),
        },
        linked_units=("MK", "VT"),
        team=3,
        kpis=(
            KpiSpec("Übersetzungskosten je Seite", "EUR", Direction.LOWER, "38", "15", 1.0),
            KpiSpec(
                "Durchlaufzeit je Sprachversion", "Arbeitstage", Direction.LOWER, "15", "5", 0.8
            ),
        ),
        requirements=(
            RequirementSpec(
                "Sicherheitshinweise werden immer von Fachübersetzern lektoriert",
                R.MET,
                "Freigabe-Workflow im Redaktionssystem; Audit durch Normen & Zulassung.",
            ),
            RequirementSpec(
                "Glossarbegriffe werden vollständig eingehalten",
                R.MET,
                "Automatische Terminologieprüfung über alle Sprachversionen.",
            ),
        ),
    ),
    # Pilot -----------------------------------------------------------------------------
    UseCaseSpec(
        "Angebotsentwürfe im Vertrieb",
        "VT",
        C.GENERATION,
        process="Angebotserstellung für Getriebe und Antriebe",
        problem=(
            "Ein Angebot für einen Standardantrieb dauert im Innendienst rund dreieinhalb "
            "Stunden: Anfrage lesen, technische Daten zusammensuchen, Texte aus alten Angeboten "
            "kopieren."
        ),
        expected_benefit=(
            "Entwurf des Angebotstexts aus Anfrage, Produktdaten und Textbausteinen; Preise "
            "kommen weiter aus dem ERP. Ziel: anderthalb Stunden je Angebot."
        ),
        data_involved=(
            "Kundenanfragen (mit Ansprechpartnern), Produktdatenblätter, Textbausteine, frühere "
            "Angebote."
        ),
        personal_data=True,
        hours=140,
        people=35,
        stage=S.PILOT,
        submitted_days_ago=330,
        submitter=EMPLOYEE,
        owner="VT",
        scores="5444 4333 3231",
        linked_units=("EW",),
        team=3,
        kpis=(
            KpiSpec("Bearbeitungszeit je Angebot", "Stunden", Direction.LOWER, "3.5", "1.5", 0.6),
        ),
        requirements=(
            RequirementSpec(
                "Preise und Rabatte stammen ausschließlich aus dem ERP",
                R.MET,
                "Preisfelder im Entwurf sind gesperrt und werden aus dem ERP befüllt.",
            ),
            RequirementSpec(
                "Technische Daten stimmen mit dem Datenblatt überein",
                R.NOT_MET,
                "Stichprobe: drei von 40 Entwürfen mit falscher Übersetzung; ein Abgleich mit "
                "dem Datenblatt wird ergänzt.",
            ),
            RequirementSpec("Angebote an Bestandskunden übernehmen deren Vertragsbedingungen"),
        ),
        comments=(
            CommentSpec(
                EMPLOYEE,
                "Bei Standardantrieben spart das locker eine Stunde. Bei Sonderanfertigungen "
                "hilft es noch wenig.",
            ),
        ),
    ),
    UseCaseSpec(
        "Code-Review-Assistent",
        "EW",
        C.CODE,
        process="Code-Reviews der Steuerungssoftware",
        problem=(
            "Merge Requests der Steuerungssoftware warten im Schnitt 30 Stunden auf ein Review. "
            "Viele Anmerkungen betreffen wiederkehrende Punkte wie MISRA-Regeln oder fehlende "
            "Fehlerbehandlung."
        ),
        expected_benefit=(
            "Ein lokales Codemodell kommentiert Merge Requests vorab; die Reviewer konzentrieren "
            "sich auf Architektur und Logik."
        ),
        data_involved="Quellcode der Steuerungssoftware (bleibt im Haus), Coding-Guidelines.",
        personal_data=False,
        hours=70,
        people=28,
        stage=S.PILOT,
        submitted_days_ago=330,
        submitter=IT,
        owner="EW",
        scores="4343 4434 1221",
        linked_units=("IT",),
        team=3,
        kpis=(
            KpiSpec("Wartezeit bis zum ersten Review", "Stunden", Direction.LOWER, "30", "12", 0.5),
        ),
        requirements=(
            RequirementSpec(
                "Kein Quellcode verlässt das Firmennetz",
                R.MET,
                "Betrieb ausschließlich auf der lokalen KI-Plattform; Firewall-Regeln geprüft.",
            ),
            RequirementSpec(
                "Hinweise des Assistenten sind als solche gekennzeichnet",
                R.MET,
                "Kommentare erscheinen mit eigenem Konto und Kennzeichnung „KI-Hinweis“.",
            ),
            RequirementSpec("Weniger als 20 % der Hinweise sind unbrauchbar"),
        ),
        comments=(
            CommentSpec(
                IT,
                "Bitte das Modell nicht auf dem Repository der Sicherheitsfunktionen "
                "nachtrainieren – nur Inferenz.",
            ),
        ),
    ),
    UseCaseSpec(
        "Besprechungsprotokolle zusammenfassen",
        "IT",
        C.GENERATION,
        process="Protokolle von Projekt- und Abteilungsbesprechungen",
        problem=(
            "Protokolle werden oft erst Tage später oder gar nicht geschrieben; Entscheidungen "
            "und Aufgaben gehen verloren."
        ),
        expected_benefit=(
            "Aus Stichpunkten oder einer Transkription entsteht ein Protokollentwurf mit "
            "Entscheidungen und Aufgaben; die Protokollführung prüft und verschickt ihn."
        ),
        data_involved=(
            "Notizen und auf Wunsch Transkripte von Besprechungen (Namen und Wortbeiträge der "
            "Teilnehmenden)."
        ),
        personal_data=True,
        hours=120,
        people=150,
        stage=S.PILOT,
        submitted_days_ago=340,
        scores="4445 4444 3321",
        notes={
            "Impact on employees": (
                "Wortbeiträge Einzelner werden verarbeitet; eine Auswertung von Redeanteilen ist "
                "ausgeschlossen."
            ),
        },
        linked_units=("GF", "PE"),
        team=2,
        kpis=(
            KpiSpec(
                "Zeit bis zum versandten Protokoll", "Arbeitstage", Direction.LOWER, "4", "1", 0.7
            ),
        ),
        requirements=(
            RequirementSpec(
                "Keine Auswertung von Redeanteilen oder Stimmungen einzelner Personen",
                R.MET,
                "Funktion technisch nicht vorhanden; vom Betriebsrat am Prototyp geprüft.",
            ),
            RequirementSpec(
                "Transkripte werden nach Freigabe des Protokolls gelöscht",
                R.NOT_MET,
                "Löschung erfolgt erst nach 30 Tagen statt sofort; Anpassung ist beauftragt.",
            ),
        ),
        comments=(
            CommentSpec(
                COUNCIL,
                "Mitschnitte nur mit Zustimmung aller Teilnehmenden – das muss in die "
                "Dienstvereinbarung.",
            ),
            CommentSpec(
                STEERCO,
                "Für den Regelbetrieb brauchen wir eine Product Ownerin oder einen Product Owner. "
                "Vorschläge bitte an den Lenkungskreis.",
            ),
        ),
    ),
    UseCaseSpec(
        "Wissensassistent für Servicetechniker",
        "KS",
        C.RETRIEVAL,
        process="Störungsdiagnose beim Kunden vor Ort",
        problem=(
            "Bei unbekannten Fehlerbildern rufen Servicetechniker die Hotline oder erfahrene "
            "Kollegen an; oft ist ein zweiter Einsatz nötig."
        ),
        expected_benefit=(
            "Ein mobiler Assistent durchsucht Servicehandbücher, Schaltpläne und gelöste "
            "Störfälle. Mehr Störungen werden beim ersten Besuch behoben."
        ),
        data_involved="Servicehandbücher, Schaltpläne, anonymisierte Störungsberichte.",
        personal_data=False,
        hours=80,
        people=30,
        stage=S.PILOT,
        submitted_days_ago=410,
        submitter=OWNER,
        owner="KS",
        scores="4543 3334 1231",
        linked_units=("EW",),
        team=3,
        kpis=(KpiSpec("Erstlösungsquote vor Ort", "%", Direction.HIGHER, "72", "85", 0.55),),
        requirements=(
            RequirementSpec(
                "Funktioniert auch bei schwacher Mobilfunkverbindung",
                R.NOT_MET,
                "Feldtest in drei Kundenwerken: Antworten brauchten teils über 30 Sekunden.",
            ),
            RequirementSpec(
                "Sicherheitsrelevante Arbeitsschritte nur aus freigegebenen Handbüchern",
                R.MET,
                "Index enthält nur freigegebene Handbuchversionen; Test mit 60 Fragen.",
            ),
        ),
        workshop=KS_WORKSHOP,
    ),
    # Prototype -------------------------------------------------------------------------
    UseCaseSpec(
        "Reklamationsberichte (8D) vorstrukturieren",
        "KS",
        C.EXTRACTION,
        process="Bearbeitung von Kundenreklamationen nach 8D",
        problem=(
            "Für jede Reklamation entsteht ein 8D-Bericht. Die Sachbearbeitung trägt Angaben aus "
            "E-Mails, Prüfprotokollen und Fotos mühsam zusammen."
        ),
        expected_benefit=(
            "Entwurf der Schritte D1 bis D4 aus Reklamationsmail und Prüfprotokoll; die "
            "Ursachenanalyse bleibt beim Team."
        ),
        data_involved=(
            "Reklamations-E-Mails der Kunden (mit Ansprechpartnern), Prüfprotokolle, Lieferdaten."
        ),
        personal_data=True,
        hours=50,
        people=10,
        stage=S.PROTOTYPE,
        submitted_days_ago=210,
        submitter=OWNER,
        owner="KS",
        scores="4342 3333 3221",
        linked_units=("QM",),
        team=3,
        requirements=(
            RequirementSpec("Messwerte werden unverändert aus dem Prüfprotokoll übernommen"),
            RequirementSpec(
                "Ursachen werden nicht vom Modell festgelegt",
                R.MET,
                "Oberfläche lässt D4 leer; gezeigt in der Sprint-Demo.",
            ),
        ),
    ),
    UseCaseSpec(
        "Fehlerberichte der Produktion auswerten",
        "PR",
        C.CLASSIFICATION,
        process="Störungs- und Fehlermeldungen aus der Montage",
        problem=(
            "Schichtführer schreiben Störungen als Freitext ins MES. Wiederkehrende Ursachen "
            "fallen erst auf, wenn jemand Hunderte Meldungen von Hand durchgeht."
        ),
        expected_benefit=(
            "Freitextmeldungen werden Fehlerkategorien und Anlagen zugeordnet; die "
            "Instandhaltung sieht wöchentlich die häufigsten Ursachen."
        ),
        data_involved=(
            "Störmeldungen aus dem MES (Freitext, Anlage, Zeitpunkt; ohne Namen, über den "
            "Schichtplan aber einzelnen Beschäftigten zuordenbar)."
        ),
        personal_data=True,
        hours=60,
        people=40,
        stage=S.PROTOTYPE,
        submitted_days_ago=190,
        owner="EW",
        scores="4354 3333 1121",
        linked_units=("QM",),
        team=3,
        requirements=(
            RequirementSpec(
                "Namen von Beschäftigten werden vor der Auswertung entfernt",
                R.MET,
                "Pseudonymisierung beim Import; vom Datenschutz am Prototyp geprüft.",
            ),
            RequirementSpec("Mindestens 85 % der Meldungen werden richtig zugeordnet"),
        ),
        comments=(
            CommentSpec(
                COUNCIL,
                "Bitte sicherstellen, dass keine Auswertung nach Schichten oder Personen "
                "möglich ist.",
            ),
        ),
    ),
    UseCaseSpec(
        "Ausschreibungsunterlagen auswerten",
        "VT",
        C.EXTRACTION,
        process="Prüfung industrieller und öffentlicher Ausschreibungen",
        problem=(
            "Ausschreibungen umfassen oft mehrere Hundert Seiten. Das Key Account Management "
            "braucht zwei Tage, um Anforderungen, Fristen und Vertragsstrafen herauszuarbeiten."
        ),
        expected_benefit=(
            "Strukturierte Übersicht der Anforderungen mit Fundstellen; schnellere "
            "Entscheidung, ob wir anbieten."
        ),
        data_involved="Ausschreibungsunterlagen (PDF), Lastenhefte.",
        personal_data=False,
        hours=45,
        people=15,
        stage=S.PROTOTYPE,
        submitted_days_ago=170,
        owner="VT",
        scores="4432 3333 1231",
        linked_units=("RC", "EW"),
        team=2,
        requirements=(
            RequirementSpec(
                "Jede extrahierte Anforderung nennt Seite und Abschnitt",
                R.MET,
                "Geprüft an fünf Ausschreibungen mit zusammen 1.100 Seiten.",
            ),
            RequirementSpec(
                "Fristen werden vollständig erkannt",
                R.NOT_MET,
                "Test mit fünf Ausschreibungen: zwei von 31 Fristen übersehen.",
            ),
        ),
    ),
    UseCaseSpec(
        "Onboarding-Assistent für neue Mitarbeitende",
        "PE",
        C.CHAT,
        process="Einarbeitung neuer Beschäftigter",
        problem=(
            "Neue Kolleginnen und Kollegen haben in den ersten Wochen viele Fragen zu "
            "Zeiterfassung, IT-Zugängen und Ansprechpartnern. Die Antworten stehen verstreut im "
            "Intranet."
        ),
        expected_benefit=(
            "Ein Assistent beantwortet Fragen aus Intranet, Betriebsvereinbarungen und "
            "Checklisten – rund um die Uhr, auf Deutsch und Englisch."
        ),
        data_involved=(
            "Intranet-Seiten, Betriebsvereinbarungen, Onboarding-Checklisten (keine Personaldaten)."
        ),
        personal_data=False,
        hours=40,
        people=120,
        stage=S.PROTOTYPE,
        submitted_days_ago=230,
        submitter=TRAINER,
        scores="3444 4544 1121",
        linked_units=("IT",),
        team=2,
        requirements=(
            RequirementSpec("Antworten zu Betriebsvereinbarungen verweisen auf den Originaltext"),
            RequirementSpec(
                "Keine Auskunft zu individuellen Personalfragen",
                R.MET,
                "Testfragen zu Gehalt und Urlaubsanspruch werden an die Personalbetreuung "
                "verwiesen.",
            ),
        ),
        comments=(
            CommentSpec(
                COUNCIL,
                "Der Betriebsrat möchte die Antworten zu Betriebsvereinbarungen vor dem Pilot "
                "stichprobenartig prüfen.",
            ),
        ),
    ),
    # Approved --------------------------------------------------------------------------
    UseCaseSpec(
        "Vertragsklauseln extrahieren",
        "RC",
        C.EXTRACTION,
        process="Vertragsprüfung für Einkauf und Vertrieb",
        problem=(
            "Die Rechtsabteilung prüft jährlich rund 600 Verträge. Haftung, Gewährleistung, "
            "Gerichtsstand und Vertragsstrafen werden in jedem Vertrag von Hand gesucht und mit "
            "unseren Standards verglichen."
        ),
        expected_benefit=(
            "Das Modell markiert Schlüsselklauseln und Abweichungen vom Standard; die "
            "Juristinnen prüfen gezielt, statt alles zu lesen."
        ),
        data_involved=(
            "Verträge mit Kunden und Lieferanten (Namen der Vertragspartner und Unterzeichner), "
            "Klauselstandards."
        ),
        personal_data=True,
        hours=70,
        people=6,
        stage=S.APPROVED,
        submitted_days_ago=160,
        submitter=PRIVACY,
        scores="4452 3433 3231",
        linked_units=("EL", "VT"),
    ),
    UseCaseSpec(
        "Normenrecherche für die Konstruktion",
        "EW",
        C.RETRIEVAL,
        process="Recherche in Normen und Zulassungsvorschriften",
        problem=(
            "Für jede Neukonstruktion müssen die geltenden Normen und Zulassungsvorschriften "
            "herausgesucht werden. Das kostet Tage und hängt an zwei Fachleuten."
        ),
        expected_benefit=(
            "Suche über das lizenzierte Normenwerk mit Fundstellen; die Fachleute prüfen nur "
            "noch das Ergebnis."
        ),
        data_involved="Lizenziertes Normenwerk, interne Zulassungsakten.",
        personal_data=False,
        hours=35,
        people=60,
        stage=S.APPROVED,
        submitted_days_ago=140,
        owner="EW",
        scores="4354 3444 1121",
        linked_units=("QM",),
    ),
    UseCaseSpec(
        "Ersatzteilidentifikation aus Kundenbeschreibungen",
        "KS",
        C.EXTRACTION,
        process="Ersatzteilbestellungen",
        problem=(
            "Kunden beschreiben Ersatzteile mit eigenen Worten oder Fotos von Typenschildern. "
            "Die richtige Teilenummer zu finden, dauert oft länger als die Bestellung selbst."
        ),
        expected_benefit=(
            "Vorschlag der passenden Teilenummern aus Beschreibung, Seriennummer und Stückliste."
        ),
        data_involved="Kundenanfragen, Stücklisten, Ersatzteilkatalog.",
        personal_data=False,
        hours=55,
        people=14,
        stage=S.APPROVED,
        submitted_days_ago=200,
        submitter=OWNER,
        owner="KS",
        scores="4442 4333 1221",
        linked_units=("EL",),
    ),
    UseCaseSpec(
        "Lieferantenanfragen zweisprachig beantworten",
        "EL",
        C.TRANSLATION,
        process="Korrespondenz mit internationalen Lieferanten",
        problem=(
            "Ein Drittel der Lieferanten schreibt Englisch, manche Italienisch oder Polnisch. "
            "Rückfragen bleiben liegen, bis jemand mit passenden Sprachkenntnissen Zeit hat."
        ),
        expected_benefit="Übersetzung und Antwortentwurf in der Sprache des Lieferanten.",
        data_involved="Lieferantenkorrespondenz (Namen und Kontaktdaten der Ansprechpartner).",
        personal_data=True,
        hours=30,
        people=20,
        stage=S.APPROVED,
        submitted_days_ago=150,
        scores="3333 4444 3121",
    ),
    # Assessed --------------------------------------------------------------------------
    UseCaseSpec(
        "Wartungsprotokolle zusammenfassen",
        "PR",
        C.GENERATION,
        process="Instandhaltung der Montagelinien",
        problem=(
            "Wartungsprotokolle sind lang und uneinheitlich; bei der Schichtübergabe fehlt der "
            "Überblick, was offen ist."
        ),
        expected_benefit="Kurze Zusammenfassung offener Punkte je Anlage für die nächste Schicht.",
        data_involved="Wartungsprotokolle und Instandhaltungsaufträge aus dem MES.",
        personal_data=False,
        hours=25,
        people=40,
        stage=S.ASSESSED,
        submitted_days_ago=80,
        scores="3333 3344 1121",
        workshop=PR_WORKSHOP,
    ),
    UseCaseSpec(
        "Rechnungsprüfung: Abweichungen erkennen",
        "FC",
        C.EXTRACTION,
        process="Prüfung von Eingangsrechnungen",
        problem=(
            "Rechnungen, die von Bestellung oder Wareneingang abweichen, fallen oft erst bei der "
            "Zahlung auf."
        ),
        expected_benefit="Abweichungen bei Menge, Preis und Konditionen werden vorab markiert.",
        data_involved="Eingangsrechnungen, Bestellungen, Wareneingänge.",
        personal_data=False,
        hours=40,
        people=8,
        stage=S.ASSESSED,
        submitted_days_ago=120,
        scores="4432 3322 2231",
    ),
    UseCaseSpec(
        "Stellenanzeigen entwerfen",
        "PE",
        C.GENERATION,
        process="Personalgewinnung",
        problem="Stellenanzeigen entstehen jedes Mal neu und klingen je nach Verfasser anders.",
        expected_benefit=(
            "Entwurf aus Anforderungsprofil und Vorlagen, in geschlechtergerechter Sprache."
        ),
        data_involved="Anforderungsprofile, frühere Stellenanzeigen.",
        personal_data=False,
        hours=12,
        people=10,
        stage=S.ASSESSED,
        submitted_days_ago=110,
        scores="3322 5554 1211",
    ),
    UseCaseSpec(
        "Testfälle aus Lastenheften ableiten",
        "EW",
        C.GENERATION,
        process="Versuch und Erprobung",
        problem=(
            "Aus jedem Lastenheft werden Testfälle von Hand abgeleitet; Anforderungen werden "
            "dabei übersehen."
        ),
        expected_benefit="Vorschlag von Testfällen je Anforderung mit Verweis auf die Quelle.",
        data_involved="Lastenhefte, Testspezifikationen.",
        personal_data=False,
        hours=50,
        people=20,
        stage=S.ASSESSED,
        submitted_days_ago=100,
        scores="4443 2333 1231",
    ),
    UseCaseSpec(
        "Pressemitteilungen und Newsletter entwerfen",
        "MK",
        C.GENERATION,
        process="Unternehmenskommunikation",
        problem="Der Newsletter kostet jeden Monat zwei Arbeitstage für Entwürfe und Abstimmung.",
        expected_benefit="Erste Entwürfe aus Stichpunkten; mehr Zeit für Recherche und Bilder.",
        data_involved="Stichpunkte, frühere Pressemitteilungen, Styleguide.",
        personal_data=False,
        hours=16,
        people=6,
        stage=S.ASSESSED,
        submitted_days_ago=95,
        scores="3321 5554 1121",
    ),
    UseCaseSpec(
        "Lieferantenaudits auswerten",
        "QM",
        C.EXTRACTION,
        process="Lieferantenqualität",
        problem=(
            "Auditberichte liegen als PDF vor; Maßnahmen und Fristen werden von Hand in die "
            "Lieferantenbewertung übertragen."
        ),
        expected_benefit="Maßnahmen und Fristen werden strukturiert erfasst und nachverfolgt.",
        data_involved="Auditberichte, Lieferantenbewertungen (Namen der Auditoren).",
        personal_data=True,
        hours=20,
        people=8,
        stage=S.ASSESSED,
        submitted_days_ago=130,
        scores="3332 3333 3121",
    ),
    # Ideas -----------------------------------------------------------------------------
    UseCaseSpec(
        "SAP-Transaktionen per Chat erklären",
        "IT",
        C.CHAT,
        process="Anwenderunterstützung SAP",
        problem="Der IT-Service-Desk beantwortet immer wieder dieselben Fragen zu SAP-Masken.",
        expected_benefit="Schnelle Hilfe im Chat, weniger Tickets beim Service-Desk.",
        data_involved="SAP-Schulungsunterlagen, Anwenderhandbücher.",
        personal_data=False,
        hours=30,
        people=200,
        stage=S.IDEA,
        submitted_days_ago=45,
        submitter=IT,
    ),
    UseCaseSpec(
        "IT-Service-Desk: Tickets vorqualifizieren",
        "IT",
        C.CLASSIFICATION,
        process="IT-Service-Desk",
        problem="Tickets kommen unvollständig an; Rückfragen kosten einen Tag.",
        expected_benefit="Fehlende Angaben werden beim Anlegen erfragt, Tickets vorsortiert.",
        data_involved="IT-Tickets (Namen, Rechnernamen, Fehlerbeschreibungen).",
        personal_data=True,
        hours=35,
        people=10,
        stage=S.IDEA,
        submitted_days_ago=38,
        submitter=IT,
    ),
    UseCaseSpec(
        "Schichtübergaben zusammenfassen",
        "PR",
        C.GENERATION,
        process="Schichtübergabe in der Montage",
        problem="Bei der Übergabe gehen Informationen verloren, besonders zur Nachtschicht.",
        expected_benefit="Eine strukturierte Übergabe je Linie aus den Notizen der Schicht.",
        data_involved="Schichtbücher (mit Namen der Schichtführer).",
        personal_data=True,
        hours=20,
        people=120,
        stage=S.IDEA,
        submitted_days_ago=80,
        workshop=PR_WORKSHOP,
    ),
    UseCaseSpec(
        "Arbeitsanweisungen in einfacher Sprache",
        "PR",
        C.GENERATION,
        process="Arbeitsvorbereitung",
        problem=(
            "Viele Beschäftigte in der Montage sprechen Deutsch als Zweitsprache; die "
            "Arbeitsanweisungen sind schwer verständlich."
        ),
        expected_benefit="Fassungen in einfacher Sprache und auf Wunsch in weiteren Sprachen.",
        data_involved="Arbeitsanweisungen, Sicherheitsunterweisungen.",
        personal_data=False,
        hours=15,
        people=150,
        stage=S.IDEA,
        submitted_days_ago=80,
        workshop=PR_WORKSHOP,
    ),
    UseCaseSpec(
        "Reisekostenfragen beantworten",
        "FC",
        C.CHAT,
        process="Reisekostenabrechnung",
        problem="Die Buchhaltung beantwortet wöchentlich Dutzende Fragen zur Reiserichtlinie.",
        expected_benefit="Antworten rund um die Uhr mit Verweis auf die Richtlinie.",
        data_involved="Reiserichtlinie, FAQ der Buchhaltung.",
        personal_data=False,
        hours=10,
        people=250,
        stage=S.IDEA,
        submitted_days_ago=3,
        workshop=FP_WORKSHOP,
    ),
    UseCaseSpec(
        "Exportkontrolle: Güterlisten vorprüfen",
        "VT",
        C.CLASSIFICATION,
        process="Exportkontrolle",
        problem="Jeder Auslandsauftrag wird von Hand gegen die Güterlisten geprüft.",
        expected_benefit="Vorprüfung mit Begründung; die Exportkontrolle entscheidet.",
        data_involved="Auftragsdaten, Güterlisten, Produktdaten.",
        personal_data=False,
        hours=18,
        people=5,
        stage=S.IDEA,
        submitted_days_ago=60,
        submitter=EMPLOYEE,
    ),
    UseCaseSpec(
        "Messeberichte auswerten",
        "MK",
        C.EXTRACTION,
        process="Messen und Veranstaltungen",
        problem="Besuchsberichte von Messen landen als Notizen in Postfächern.",
        expected_benefit="Kontakte und Anliegen werden strukturiert an den Vertrieb übergeben.",
        data_involved="Besuchsberichte (Namen und Kontaktdaten von Messebesuchern).",
        personal_data=True,
        hours=12,
        people=15,
        stage=S.IDEA,
        submitted_days_ago=25,
    ),
    UseCaseSpec(
        "Lernpfade für KI-Schulungen vorschlagen",
        "PE",
        C.GENERATION,
        process="Personalentwicklung",
        problem="Welche KI-Schulung passt zu wem? Die Auswahl ist aufwendig.",
        expected_benefit="Vorschläge für Lernpfade je Rolle und Vorkenntnissen.",
        data_involved="Schulungskatalog, Selbsteinschätzungen (freiwillig, mit Namen).",
        personal_data=True,
        hours=8,
        people=250,
        stage=S.IDEA,
        submitted_days_ago=3,
        submitter=TRAINER,
        workshop=FP_WORKSHOP,
    ),
    UseCaseSpec(
        "Protokolle von Teambesprechungen automatisch erstellen",
        "KS",
        C.GENERATION,
        process="Teambesprechungen im Kundenservice",
        problem="Nach den Teamrunden fehlt oft ein Protokoll.",
        expected_benefit="Ein Protokollentwurf direkt nach der Besprechung.",
        data_involved="Notizen der Teamrunden (Namen der Teilnehmenden).",
        personal_data=True,
        hours=6,
        people=40,
        stage=S.IDEA,
        submitted_days_ago=12,
        submitter=OWNER,
    ),
    UseCaseSpec(
        "Prüfpläne aus Zeichnungen ableiten",
        "QM",
        C.EXTRACTION,
        process="Wareneingangsprüfung",
        problem="Prüfmerkmale werden von Hand aus technischen Zeichnungen übertragen.",
        expected_benefit="Vorschlag des Prüfplans mit allen Maßen und Toleranzen.",
        data_involved="Technische Zeichnungen (PDF), Prüfpläne.",
        personal_data=False,
        hours=25,
        people=12,
        stage=S.IDEA,
        submitted_days_ago=80,
        workshop=PR_WORKSHOP,
    ),
    UseCaseSpec(
        "Social-Media-Beiträge entwerfen",
        "MK",
        C.GENERATION,
        process="Online-Marketing",
        problem="Für regelmäßige Beiträge fehlt die Zeit.",
        expected_benefit="Entwürfe aus Pressemitteilungen und Fallstudien.",
        data_involved="Pressemitteilungen, Fallstudien, Bildrechte-Übersicht.",
        personal_data=False,
        hours=8,
        people=4,
        stage=S.IDEA,
        submitted_days_ago=18,
    ),
    # Retired ---------------------------------------------------------------------------
    UseCaseSpec(
        "Textassistent für Produktbeschreibungen",
        "MK",
        C.GENERATION,
        process="Produktmarketing",
        problem="Produkttexte für Katalog und Webshop werden für jede Variante neu geschrieben.",
        expected_benefit="Entwürfe aus Produktdaten in einheitlichem Stil.",
        data_involved="Produktdaten, Katalogtexte.",
        personal_data=False,
        hours=30,
        people=8,
        stage=S.RETIRED,
        submitted_days_ago=400,
        scores="3332 4444 1121",
        route=(S.ASSESSED, S.APPROVED, S.PROTOTYPE, S.PILOT, S.RETIRED),
        reasons={
            S.RETIRED: (
                "Pilot beendet: Die Texte mussten stark nachbearbeitet werden, der Nutzen blieb "
                "unter den Erwartungen. Die Textbausteine fließen in die Angebotsentwürfe ein."
            ),
        },
        kpis=(
            KpiSpec(
                "Nachbearbeitungszeit je Produkttext", "Minuten", Direction.LOWER, "40", "15", 0.2
            ),
        ),
        requirements=(
            RequirementSpec(
                "Technische Werte stammen ausschließlich aus den Produktdaten",
                R.NOT_MET,
                "Im Pilot wurden Werte aus ähnlichen Produkten übernommen.",
            ),
        ),
        comments=(
            CommentSpec(
                ADMIN,
                "Die Erkenntnisse aus dem Pilot sind im Wiki dokumentiert; die Rolle des Product "
                "Owners endete mit dem Pilot.",
            ),
        ),
    ),
    UseCaseSpec(
        "FAQ-Bot zur Zeiterfassung",
        "PE",
        C.CHAT,
        process="Zeiterfassung",
        problem="Die Personalbetreuung beantwortet ständig Fragen zum Zeiterfassungsterminal.",
        expected_benefit="Ein Bot beantwortet die häufigsten Fragen.",
        data_involved="Betriebsvereinbarung Arbeitszeit, Bedienungsanleitung Terminal.",
        personal_data=False,
        hours=10,
        people=250,
        stage=S.RETIRED,
        submitted_days_ago=420,
        scores="3235 5544 1111",
        reasons={
            S.RETIRED: (
                "Das neue HR-Portal beantwortet diese Fragen selbst; der Bot wird abgeschaltet."
            ),
        },
    ),
    # Rejected --------------------------------------------------------------------------
    UseCaseSpec(
        "Emotionserkennung in Kundengesprächen",
        "KS",
        C.CLASSIFICATION,
        process="Telefonate der Service-Hotline",
        problem="Schwierige Gespräche werden zu spät an erfahrene Kolleginnen übergeben.",
        expected_benefit="Erkennung verärgerter Anrufer in Echtzeit und schnellere Eskalation.",
        data_involved="Sprachaufnahmen von Kunden und Hotline-Beschäftigten.",
        personal_data=True,
        hours=40,
        people=25,
        stage=S.REJECTED,
        submitted_days_ago=410,
        submitter=OWNER,
        scores="3433 3332 5555",
        notes={
            "Unacceptable risk (veto)": (
                "Emotionserkennung am Arbeitsplatz ist nach Art. 5 Abs. 1 Buchst. f KI-Verordnung "
                "verboten; die Auswertung ließe Rückschlüsse auf die Beschäftigten zu."
            ),
            "Impact on employees": (
                "Würde Stimmung und Verhalten der Hotline-Beschäftigten mit auswerten."
            ),
            "Personal data": "Stimmaufnahmen sind biometrische und damit besondere Daten.",
        },
        reasons={
            S.REJECTED: (
                "Veto im Bewertungsverfahren: unvertretbares Risiko (verbotene Praxis nach "
                "KI-Verordnung). Das Anliegen, schwierige Gespräche früh zu erkennen, greifen wir "
                "über Schulungen auf."
            ),
        },
        comments=(
            CommentSpec(COUNCIL, "Der Betriebsrat hätte diesem Vorhaben nicht zugestimmt."),
            CommentSpec(ETHICS, "Der Ethikbeirat unterstützt die Ablehnung ausdrücklich."),
        ),
        workshop=KS_WORKSHOP,
    ),
    UseCaseSpec(
        "Vorauswahl von Bewerbungen",
        "PE",
        C.CLASSIFICATION,
        process="Personalgewinnung",
        problem="Auf Ausbildungsplätze kommen Hunderte Bewerbungen.",
        expected_benefit="Eine Rangfolge der Bewerbungen nach Passung zum Profil.",
        data_involved="Bewerbungsunterlagen (Lebensläufe, Zeugnisse).",
        personal_data=True,
        hours=30,
        people=5,
        stage=S.REJECTED,
        submitted_days_ago=220,
        scores="4431 4333 5553",
        notes={
            "Impact on employees": (
                "Entscheidet mit über den Zugang zu Beschäftigung: Hochrisiko nach Anhang III "
                "KI-Verordnung."
            ),
        },
        reasons={
            S.REJECTED: (
                "Hochrisiko-System nach Anhang III KI-Verordnung. Aufwand für die Konformität und "
                "das Risiko von Benachteiligung stehen in keinem Verhältnis zum Nutzen."
            ),
        },
    ),
    UseCaseSpec(
        "Automatische Preisfindung für Sonderanfertigungen",
        "VT",
        C.GENERATION,
        process="Kalkulation von Sonderanfertigungen",
        problem="Die Kalkulation von Sonderanfertigungen dauert bis zu einer Woche.",
        expected_benefit="Ein Preisvorschlag aus ähnlichen früheren Aufträgen.",
        data_involved="Kalkulationen und Aufträge der letzten zehn Jahre.",
        personal_data=False,
        hours=60,
        people=12,
        stage=S.REJECTED,
        submitted_days_ago=260,
        scores="4342 1212 1151",
        reasons={
            S.REJECTED: (
                "Fehlerfolgen zu hoch und Datenlage unzureichend: Kalkulationen bleiben "
                "regelbasiert im ERP."
            ),
        },
    ),
    # On hold ---------------------------------------------------------------------------
    UseCaseSpec(
        "Lieferterminprognose aus dem E-Mail-Verkehr",
        "EL",
        C.EXTRACTION,
        process="Disposition",
        problem="Terminverschiebungen der Lieferanten stehen in E-Mails, nicht im ERP.",
        expected_benefit="Neue Liefertermine werden erkannt und der Disposition gemeldet.",
        data_involved="Lieferanten-E-Mails (Namen der Ansprechpartner), Bestelldaten.",
        personal_data=True,
        hours=45,
        people=10,
        stage=S.ON_HOLD,
        submitted_days_ago=240,
        scores="4332 2233 3121",
        reasons={
            S.ON_HOLD: (
                "Zurückgestellt bis zur neuen SAP-Schnittstelle (geplant im dritten Quartal); "
                "ohne sie fehlen die Bestelldaten."
            ),
        },
    ),
    UseCaseSpec(
        "Sprachassistent für die Montage",
        "PR",
        C.CHAT,
        process="Getriebemontage",
        problem="Mit Handschuhen und Bauteilen in der Hand lässt sich kein Terminal bedienen.",
        expected_benefit="Arbeitsanweisungen und Drehmomente per Sprache abrufen.",
        data_involved="Arbeitsanweisungen; Sprachbefehle der Beschäftigten (nicht gespeichert).",
        personal_data=True,
        hours=25,
        people=60,
        stage=S.ON_HOLD,
        submitted_days_ago=300,
        owner="EW",
        scores="3444 3232 3221",
        route=(S.ASSESSED, S.APPROVED, S.PROTOTYPE, S.ON_HOLD),
        reasons={
            S.ON_HOLD: (
                "Prototyp zurückgestellt: In der Halle ist die Spracherkennung zu unzuverlässig. "
                "Zuerst werden neue Headsets getestet."
            ),
        },
        team=2,
    ),
)

# What the scorers write, by criterion (English name) and band: 1–2, 3, 4–5. ``{hours}``
# and ``{people}`` come from the use case when it gives them.
RATIONALES: dict[str, tuple[str, str, str]] = {
    "Time saved": (
        "Spart nur wenige Stunden im Monat; die Aufgabe fällt selten an.",
        "Spürbare Entlastung bei einer wiederkehrenden Aufgabe, etwa {hours} Stunden im Monat.",
        "Geschätzt {hours} Stunden Routinearbeit weniger im Monat.",
    ),
    "Quality gain": (
        "Die Ergebnisse sind heute schon gut; ein Modell verbessert sie kaum.",
        "Einheitlichere Ergebnisse und weniger vergessene Punkte.",
        "Deutlich weniger Fehler und vollständigere Ergebnisse als heute.",
    ),
    "Strategic fit": (
        "Nützlich, aber ohne Bezug zu den Zielen des KI-Programms.",
        "Passt zur Digitalisierungsstrategie, ist aber kein Schwerpunkt.",
        "Zahlt direkt auf die Programmziele ein: besserer Service, gesichertes Wissen.",
    ),
    "People helped": (
        "Nur wenige Personen arbeiten damit (etwa {people}).",
        "Ein Team oder eine Abteilung profitiert, etwa {people} Personen.",
        "Rund {people} Personen arbeiten damit.",
    ),
    "Data availability": (
        "Die nötigen Daten fehlen oder liegen verstreut in Postfächern und Ablagen.",
        "Die Daten sind vorhanden, müssen aber bereinigt und zusammengeführt werden.",
        "Die Daten liegen strukturiert und aktuell vor.",
    ),
    "Technical simplicity": (
        "Technisches Neuland; ohne Vorstudie nicht abschätzbar.",
        "Machbar auf unserer Plattform, braucht aber eigene Tests und Auswertung.",
        "Standardmuster auf der lokalen KI-Plattform (Prompt-Vorlage oder Wissenssuche).",
    ),
    "Integration effort": (
        "Erfordert Eingriffe in SAP und weitere Systeme.",
        "Eine Schnittstelle zu einem Bestandssystem ist nötig.",
        "Funktioniert eigenständig im Browser, ohne Schnittstellen.",
    ),
    "Skills available": (
        "Im Haus fehlt das Wissen; externe Unterstützung wäre nötig.",
        "Grundlagen sind da; das Team braucht Schulung und Begleitung.",
        "Das Plattformteam hat vergleichbare Lösungen bereits gebaut.",
    ),
    "Personal data": (
        "Keine oder kaum personenbezogene Daten.",
        "Personenbezogene Daten (Namen, Kontaktdaten); der Datenschutz ist eingebunden.",
        "Sensible personenbezogene Daten; eine DSFA ist erforderlich.",
    ),
    "Impact on employees": (
        "Unterstützt die Arbeit, ohne Beschäftigte zu bewerten.",
        "Verändert Arbeitsabläufe spürbar; der Betriebsrat ist informiert.",
        "Könnte Leistung oder Verhalten von Beschäftigten bewerten; mitbestimmungspflichtig.",
    ),
    "Consequences of errors": (
        "Fehler sind harmlos und fallen bei der Durchsicht sofort auf.",
        "Fehler kosten Nacharbeit; ein Mensch prüft jedes Ergebnis.",
        "Fehler können Kunden, Verträgen oder der Sicherheit ernsthaft schaden.",
    ),
    "Unacceptable risk (veto)": (
        "Keine grundsätzlichen Bedenken.",
        "Einzelne Bedenken, die sich mit Auflagen ausräumen lassen.",
        "Erhebliche Bedenken des Ethikbeirats.",
    ),
}
VETO_RATIONALE = "Unvertretbar: darf nicht verfolgt werden."
# Used when the use case gives no figure for {hours} or {people}.
UNKNOWN_FIGURE = {"hours": "einige", "people": "einige"}

# The usual reasons for the usual moves; moves elsewhere need their own (see ``reasons``).
STANDARD_REASONS: dict[Stage, tuple[str, ...]] = {
    S.ASSESSED: (
        "Alle Kriterien bewertet; der Steckbrief ist vollständig.",
        "Bewertung im Bewertungsteam abgeschlossen.",
        "Bewertet nach Rücksprache mit der einreichenden Abteilung.",
    ),
    S.APPROVED: (
        "Im Lenkungskreis freigegeben: hoher Nutzen bei vertretbarem Risiko.",
        "Freigabe im Lenkungskreis; Budget für einen Co-Creation-Sprint bewilligt.",
        "Freigegeben; passt in die Priorisierung des laufenden Quartals.",
    ),
    S.PROTOTYPE: (
        "Prototyp im Co-Creation-Sprint gestartet.",
        "Sprint-Team steht; der Prototyp entsteht auf der lokalen KI-Plattform.",
    ),
    S.PILOT: (
        "Die Sprint-Demo hat überzeugt; der Pilot mit einer Nutzergruppe startet.",
        "Prototyp abgenommen; Pilotbetrieb mit ausgewählten Beschäftigten.",
    ),
    S.PRODUCTION: (
        "Pilot erfolgreich: Zielwerte erreicht, Betriebskonzept abgenommen.",
        "Übergabe in den Regelbetrieb nach erfolgreichem Pilot.",
    ),
}


# Generated use cases (large size) ---------------------------------------------------------
# A title is a subject and what the model does with it: „Lieferavise auslesen“.


@dataclass(frozen=True)
class Topic:
    subject: str
    capabilities: tuple[Capability, ...]
    personal_data: bool = False


T = Topic
GENERATED_TOPICS: dict[str, tuple[Topic, ...]] = {
    "GF": (
        T("Vorlagen für die Geschäftsführung", (C.GENERATION, C.RETRIEVAL)),
        T("Marktberichte", (C.GENERATION, C.EXTRACTION)),
        T("Revisionsberichte", (C.EXTRACTION, C.RETRIEVAL)),
        T("Strategiepapiere", (C.RETRIEVAL, C.GENERATION)),
    ),
    "VT": (
        T("Kundenanfragen", (C.CLASSIFICATION, C.GENERATION), True),
        T("Ausschreibungen", (C.EXTRACTION,)),
        T("Besuchsberichte", (C.GENERATION, C.EXTRACTION), True),
        T("Rahmenverträge", (C.EXTRACTION, C.RETRIEVAL), True),
        T("Preisanfragen", (C.CLASSIFICATION, C.EXTRACTION), True),
        T("Exportdokumente", (C.TRANSLATION, C.EXTRACTION)),
        T("Angebotstexte", (C.GENERATION, C.TRANSLATION)),
    ),
    "KS": (
        T("Garantieanfragen", (C.CLASSIFICATION, C.EXTRACTION), True),
        T("Rückrufbitten", (C.CLASSIFICATION,), True),
        T("Serviceberichte", (C.GENERATION, C.EXTRACTION)),
        T("Kundenbeschwerden", (C.CLASSIFICATION, C.GENERATION), True),
        T("Wartungsanfragen", (C.CLASSIFICATION, C.EXTRACTION), True),
        T("Einsatzberichte des Außendiensts", (C.GENERATION, C.RETRIEVAL)),
        T("Ersatzteilanfragen", (C.EXTRACTION, C.CLASSIFICATION), True),
        T("Fragen zu Wartungsintervallen", (C.CHAT, C.RETRIEVAL)),
    ),
    "MK": (
        T("Produkttexte", (C.GENERATION, C.TRANSLATION)),
        T("Messeberichte", (C.EXTRACTION, C.GENERATION), True),
        T("Pressemitteilungen", (C.GENERATION, C.TRANSLATION)),
        T("Newsletter", (C.GENERATION, C.TRANSLATION)),
        T("Fallstudien", (C.GENERATION, C.RETRIEVAL)),
        T("Webinartexte", (C.GENERATION,)),
    ),
    "EW": (
        T("Lastenhefte", (C.EXTRACTION, C.RETRIEVAL)),
        T("Prüfberichte", (C.RETRIEVAL, C.GENERATION)),
        T("Konstruktionsrichtlinien", (C.RETRIEVAL, C.CHAT)),
        T("Änderungsanträge", (C.CLASSIFICATION, C.GENERATION)),
        T("Versuchsprotokolle", (C.GENERATION, C.EXTRACTION)),
        T("Simulationsberichte", (C.GENERATION,)),
        T("Stücklisten", (C.EXTRACTION,)),
        T("Prüfskripte", (C.CODE,)),
        T("Steuerungsprogramme", (C.CODE,)),
    ),
    "PR": (
        T("Schichtberichte", (C.GENERATION, C.CLASSIFICATION), True),
        T("Störmeldungen", (C.CLASSIFICATION, C.EXTRACTION)),
        T("Arbeitsanweisungen", (C.GENERATION, C.TRANSLATION)),
        T("Wartungsprotokolle", (C.GENERATION, C.EXTRACTION)),
        T("Rüstanleitungen", (C.GENERATION, C.CHAT)),
        T("Sicherheitsunterweisungen", (C.TRANSLATION, C.GENERATION)),
        T("Instandhaltungsaufträge", (C.CLASSIFICATION, C.EXTRACTION)),
        T("SPS-Programme", (C.CODE,)),
    ),
    "QM": (
        T("Prüfpläne", (C.EXTRACTION, C.GENERATION)),
        T("Auditberichte", (C.EXTRACTION, C.GENERATION)),
        T("8D-Berichte", (C.GENERATION, C.RETRIEVAL)),
        T("Lieferantenbewertungen", (C.GENERATION, C.EXTRACTION)),
        T("Messprotokolle", (C.EXTRACTION, C.CLASSIFICATION)),
        T("Reklamationsanalysen", (C.CLASSIFICATION, C.RETRIEVAL)),
    ),
    "EL": (
        T("Lieferantenrechnungen", (C.EXTRACTION, C.CLASSIFICATION)),
        T("Auftragsbestätigungen", (C.EXTRACTION,)),
        T("Lieferavise", (C.EXTRACTION,)),
        T("Zollpapiere", (C.EXTRACTION, C.TRANSLATION)),
        T("Bestellanforderungen", (C.CLASSIFICATION, C.GENERATION)),
        T("Lieferantenanfragen", (C.TRANSLATION, C.GENERATION), True),
        T("Frachtbriefe", (C.EXTRACTION,)),
    ),
    "FC": (
        T("Eingangsrechnungen", (C.EXTRACTION, C.CLASSIFICATION)),
        T("Reisekostenbelege", (C.EXTRACTION, C.CLASSIFICATION), True),
        T("Monatsberichte", (C.GENERATION,)),
        T("Budgetkommentare", (C.GENERATION,)),
        T("Kontierungsvorschläge", (C.CLASSIFICATION,)),
        T("Abweichungsanalysen", (C.GENERATION, C.EXTRACTION)),
    ),
    "PE": (
        T("Stellenanzeigen", (C.GENERATION, C.TRANSLATION)),
        T("Schulungsunterlagen", (C.GENERATION, C.TRANSLATION, C.RETRIEVAL)),
        T("Personalrichtlinien", (C.RETRIEVAL, C.CHAT)),
        T("Fragen zur Entgeltabrechnung", (C.CHAT, C.CLASSIFICATION), True),
        T("Onboarding-Checklisten", (C.GENERATION, C.CHAT)),
    ),
    "IT": (
        T("IT-Tickets", (C.CLASSIFICATION, C.GENERATION), True),
        T("Systemdokumentationen", (C.RETRIEVAL, C.GENERATION)),
        T("Berechtigungsanträge", (C.CLASSIFICATION, C.EXTRACTION), True),
        T("Betriebshandbücher", (C.RETRIEVAL, C.CHAT)),
        T("Automatisierungsskripte", (C.CODE,)),
        T("SAP-Erweiterungen", (C.CODE, C.RETRIEVAL)),
    ),
    "RC": (
        T("Verträge", (C.EXTRACTION, C.RETRIEVAL), True),
        T("Compliance-Anfragen", (C.CLASSIFICATION, C.CHAT)),
        T("Datenschutzanfragen", (C.CLASSIFICATION, C.GENERATION), True),
        T("Richtlinien", (C.RETRIEVAL, C.CHAT)),
        T("Lieferantenkodizes", (C.EXTRACTION, C.TRANSLATION)),
    ),
}

VERBS: dict[Capability, tuple[str, ...]] = {
    C.EXTRACTION: ("auslesen", "strukturiert erfassen", "auf Pflichtangaben prüfen"),
    C.GENERATION: ("entwerfen", "zusammenfassen", "in einfacher Sprache aufbereiten"),
    C.CLASSIFICATION: ("klassifizieren", "vorsortieren", "nach Dringlichkeit priorisieren"),
    C.RETRIEVAL: ("durchsuchbar machen", "per Wissenssuche erschließen"),
    C.TRANSLATION: ("übersetzen", "zweisprachig bereitstellen"),
    C.CHAT: ("im Chat erklären", "per Assistent zugänglich machen"),
    C.CODE: ("mit KI-Unterstützung dokumentieren", "automatisiert prüfen"),
    C.OTHER: ("mit KI unterstützen",),
}

# name, unit of measure, direction, baseline, target
GENERATED_KPIS = (
    ("Bearbeitungszeit je Vorgang", "Minuten", Direction.LOWER, "30", "10"),
    ("Fehlerquote", "%", Direction.LOWER, "8", "3"),
    ("Zufriedenheit der Nutzenden", "Punkte (1–5)", Direction.HIGHER, "3.1", "4.2"),
    ("Durchlaufzeit", "Arbeitstage", Direction.LOWER, "5", "2"),
    ("Ohne Nacharbeit übernommene Ergebnisse", "%", Direction.HIGHER, "40", "75"),
)

GENERATED_REQUIREMENTS = (
    "Ein Mensch prüft jedes Ergebnis, bevor es verwendet wird",
    "Jedes Ergebnis nennt seine Quelle",
    "Keine erfundenen Zahlen, Namen oder Termine",
    "Antworten in der Sprache der Anfrage",
    "Personenbezogene Daten verlassen die lokale Plattform nicht",
    "Unsichere Ergebnisse werden als solche gekennzeichnet",
    "Antwortzeit unter zehn Sekunden",
)
