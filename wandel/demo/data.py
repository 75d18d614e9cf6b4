"""The demo company: its units, job titles and the names its people are drawn from.

Everything here is invented. The company is German, so its units and all content are
German; the application around it is bilingual. A job title written ``"Konstrukteur|
Konstrukteurin"`` has a masculine and a feminine form, chosen with the person's first name.
"""

from __future__ import annotations

from dataclasses import dataclass

COMPANY = "Rotbuchen Antriebstechnik GmbH"
DOMAIN = "example.com"


@dataclass(frozen=True)
class BaseUnit:
    code: str
    name: str
    parent: str | None
    # Share of the staff; the small size uses these figures as headcounts.
    weight: int
    departments: tuple[str, ...]


# The twelve units of the small demo. The large demo grows departments, teams and groups
# beneath them.
BASE_UNITS = (
    BaseUnit(
        "GF",
        "Geschäftsführung",
        None,
        3,
        ("Unternehmensentwicklung", "Assistenz der Geschäftsführung", "Interne Revision"),
    ),
    BaseUnit(
        "VT",
        "Vertrieb",
        "GF",
        22,
        (
            "Region Nord",
            "Region Süd",
            "Region West",
            "Region Ost",
            "Key Account Management",
            "Export",
            "Vertriebsinnendienst",
        ),
    ),
    BaseUnit(
        "KS",
        "Kundenservice",
        "VT",
        24,
        ("Service-Hotline", "Technischer Außendienst", "Ersatzteilservice", "Reklamationen"),
    ),
    BaseUnit(
        "MK",
        "Marketing & Kommunikation",
        "GF",
        9,
        ("Produktmarketing", "Unternehmenskommunikation", "Messen & Events", "Online-Marketing"),
    ),
    BaseUnit(
        "EW",
        "Entwicklung",
        "GF",
        32,
        (
            "Mechanische Konstruktion",
            "Elektrokonstruktion",
            "Embedded Software",
            "Versuch & Erprobung",
            "Normen & Zulassung",
            "Vorentwicklung",
        ),
    ),
    BaseUnit(
        "PR",
        "Produktion",
        "GF",
        70,
        (
            "Zerspanung",
            "Getriebemontage",
            "Motorenmontage",
            "Lackiererei",
            "Instandhaltung",
            "Arbeitsvorbereitung",
            "Ausbildungswerkstatt",
        ),
    ),
    BaseUnit(
        "QM",
        "Qualitätsmanagement",
        "PR",
        14,
        ("Wareneingangsprüfung", "Prüflabor", "Lieferantenqualität", "Qualitätssicherung Montage"),
    ),
    BaseUnit(
        "EL",
        "Einkauf & Logistik",
        "GF",
        18,
        ("Strategischer Einkauf", "Operativer Einkauf", "Lager", "Versand", "Disposition"),
    ),
    BaseUnit(
        "FC",
        "Finanzen & Controlling",
        "GF",
        10,
        ("Finanzbuchhaltung", "Controlling", "Treasury", "Kostenrechnung"),
    ),
    BaseUnit(
        "PE",
        "Personal",
        "GF",
        9,
        ("Personalbetreuung", "Entgeltabrechnung", "Personalentwicklung", "Ausbildung"),
    ),
    BaseUnit(
        "IT",
        "IT & Digitalisierung",
        "GF",
        13,
        (
            "IT-Service-Desk",
            "Infrastruktur & Rechenzentrum",
            "SAP & Anwendungen",
            "Informationssicherheit",
            "Daten & KI-Plattform",
        ),
    ),
    BaseUnit(
        "RC",
        "Recht & Compliance",
        "GF",
        5,
        ("Recht & Verträge", "Compliance", "Datenschutz"),
    ),
)

# Below a department: level 1 are teams (shifts in production), deeper levels are groups.
TEAM_NAMES = {"PR": ("Frühschicht", "Spätschicht", "Nachtschicht", "Wochenendschicht")}
GROUP_NAMES = {"PR": "Linie"}

TOP_TITLE = "Technischer Geschäftsführer|Technische Geschäftsführerin"
DIVISION_HEAD_TITLE = "Leiter {name}|Leiterin {name}"
DEPARTMENT_HEAD_TITLE = "Abteilungsleiter {name}|Abteilungsleiterin {name}"
TEAM_HEAD_TITLE = {"PR": "Schichtmeister|Schichtmeisterin", "": "Teamleiter|Teamleiterin"}
GROUP_HEAD_TITLE = {"PR": "Vorarbeiter|Vorarbeiterin", "": "Gruppenleiter|Gruppenleiterin"}

# Job titles of the staff per division, with relative frequency.
STAFF_TITLES: dict[str, tuple[tuple[str, int], ...]] = {
    "GF": (
        ("Assistent der Geschäftsführung|Assistentin der Geschäftsführung", 3),
        ("Referent Unternehmensentwicklung|Referentin Unternehmensentwicklung", 2),
        ("Innenrevisor|Innenrevisorin", 1),
    ),
    "VT": (
        ("Vertriebsingenieur|Vertriebsingenieurin", 5),
        ("Key Account Manager|Key Account Managerin", 3),
        ("Außendienstmitarbeiter|Außendienstmitarbeiterin", 5),
        ("Sachbearbeiter Vertriebsinnendienst|Sachbearbeiterin Vertriebsinnendienst", 4),
        ("Angebotsmanager|Angebotsmanagerin", 2),
        ("Exportsachbearbeiter|Exportsachbearbeiterin", 1),
    ),
    "KS": (
        ("Kundenberater|Kundenberaterin", 8),
        ("Servicetechniker|Servicetechnikerin", 5),
        ("Sachbearbeiter Ersatzteilservice|Sachbearbeiterin Ersatzteilservice", 3),
        ("Reklamationsmanager|Reklamationsmanagerin", 2),
        ("Auszubildender Kaufmann für Büromanagement|Auszubildende Kauffrau für Büromanagement", 1),
    ),
    "MK": (
        ("Produktmarketing-Manager|Produktmarketing-Managerin", 3),
        ("Referent Unternehmenskommunikation|Referentin Unternehmenskommunikation", 2),
        ("Grafikdesigner|Grafikdesignerin", 2),
        ("Online-Redakteur|Online-Redakteurin", 2),
        ("Messe- und Eventmanager|Messe- und Eventmanagerin", 1),
    ),
    "EW": (
        ("Entwicklungsingenieur|Entwicklungsingenieurin", 6),
        ("Konstrukteur|Konstrukteurin", 6),
        ("Softwareentwickler Embedded Systems|Softwareentwicklerin Embedded Systems", 5),
        ("Versuchsingenieur|Versuchsingenieurin", 3),
        ("Technischer Zeichner|Technische Zeichnerin", 2),
        ("Projektleiter Entwicklung|Projektleiterin Entwicklung", 2),
        ("Normenreferent|Normenreferentin", 1),
        ("Dualer Student Maschinenbau|Duale Studentin Maschinenbau", 1),
    ),
    "PR": (
        ("Industriemechaniker|Industriemechanikerin", 10),
        ("Zerspanungsmechaniker|Zerspanungsmechanikerin", 8),
        ("Maschinen- und Anlagenführer|Maschinen- und Anlagenführerin", 8),
        ("Mechatroniker|Mechatronikerin", 5),
        ("Elektroniker für Betriebstechnik|Elektronikerin für Betriebstechnik", 4),
        (
            "Verfahrensmechaniker Beschichtungstechnik|Verfahrensmechanikerin Beschichtungstechnik",
            3,
        ),
        ("Produktionshelfer|Produktionshelferin", 6),
        ("Industriemeister Metall|Industriemeisterin Metall", 3),
        ("Arbeitsvorbereiter|Arbeitsvorbereiterin", 2),
        ("Auszubildender Industriemechaniker|Auszubildende Industriemechanikerin", 3),
        ("Auszubildender Mechatroniker|Auszubildende Mechatronikerin", 2),
    ),
    "QM": (
        ("Qualitätsingenieur|Qualitätsingenieurin", 3),
        ("Qualitätsprüfer|Qualitätsprüferin", 5),
        ("Werkstoffprüfer|Werkstoffprüferin", 2),
        ("Lieferantenauditor|Lieferantenauditorin", 1),
    ),
    "EL": (
        ("Einkäufer|Einkäuferin", 3),
        ("Strategischer Einkäufer|Strategische Einkäuferin", 2),
        ("Disponent|Disponentin", 3),
        ("Fachkraft für Lagerlogistik", 5),
        ("Fachlagerist|Fachlageristin", 3),
        ("Sachbearbeiter Versand|Sachbearbeiterin Versand", 2),
        ("Auszubildende Fachkraft für Lagerlogistik", 1),
    ),
    "FC": (
        ("Controller|Controllerin", 3),
        ("Finanzbuchhalter|Finanzbuchhalterin", 3),
        ("Bilanzbuchhalter|Bilanzbuchhalterin", 1),
        ("Sachbearbeiter Kreditoren|Sachbearbeiterin Kreditoren", 2),
        ("Auszubildender Industriekaufmann|Auszubildende Industriekauffrau", 1),
    ),
    "PE": (
        ("Personalreferent|Personalreferentin", 3),
        ("Entgeltabrechner|Entgeltabrechnerin", 2),
        ("Recruiter|Recruiterin", 1),
        ("Referent Personalentwicklung|Referentin Personalentwicklung", 1),
        ("Ausbildungsleiter|Ausbildungsleiterin", 1),
    ),
    "IT": (
        ("Systemadministrator|Systemadministratorin", 3),
        ("Mitarbeiter IT-Service-Desk|Mitarbeiterin IT-Service-Desk", 3),
        ("SAP-Inhouse-Berater|SAP-Inhouse-Beraterin", 2),
        ("Netzwerkadministrator|Netzwerkadministratorin", 1),
        ("Data Engineer", 1),
        ("Softwareentwickler|Softwareentwicklerin", 2),
        ("Fachinformatiker Systemintegration|Fachinformatikerin Systemintegration", 1),
    ),
    "RC": (
        ("Syndikusrechtsanwalt|Syndikusrechtsanwältin", 2),
        ("Compliance-Manager|Compliance-Managerin", 1),
        ("Vertragsmanager|Vertragsmanagerin", 1),
        ("Datenschutzkoordinator|Datenschutzkoordinatorin", 1),
    ),
}


@dataclass(frozen=True)
class NameOrigin:
    """First and last names that belong together; ``weight`` is the share of the staff."""

    weight: int
    female: tuple[str, ...]
    male: tuple[str, ...]
    last: tuple[str, ...]


NAME_ORIGINS = (
    NameOrigin(
        82,
        (
            "Anna", "Maria", "Katharina", "Julia", "Laura", "Lena", "Sarah", "Lisa",
            "Christina", "Sandra", "Stefanie", "Nicole", "Melanie", "Andrea", "Sabine",
            "Claudia", "Petra", "Monika", "Birgit", "Kerstin", "Tanja", "Nadine", "Daniela",
            "Jessica", "Vanessa", "Franziska", "Johanna", "Sophie", "Marie", "Hannah", "Lea",
            "Leonie", "Carolin", "Jana", "Silke", "Heike", "Ute", "Gabriele", "Renate",
            "Ingrid", "Ursula", "Brigitte", "Martina", "Simone", "Manuela", "Yvonne", "Annika",
            "Svenja", "Janina", "Theresa", "Luisa", "Charlotte", "Greta", "Frieda", "Bärbel",
            "Mareike", "Antje", "Anna-Lena", "Mirjam", "Jördis", "Käthe", "Doris",
        ),
        (
            "Thomas", "Michael", "Andreas", "Christian", "Markus", "Jürgen", "Jörg", "Uwe",
            "Klaus", "Peter", "Wolfgang", "Matthias", "Alexander", "Daniel", "Sebastian",
            "Florian", "Jan", "Tim", "Lukas", "Jonas", "Felix", "Maximilian", "Niklas",
            "Philipp", "Moritz", "Simon", "Benjamin", "David", "Dominik", "Patrick", "Marcel",
            "Dennis", "Sven", "Björn", "Sören", "Kai", "Dirk", "Holger", "Ralf", "Rainer",
            "Bernd", "Dieter", "Günter", "Manfred", "Hans-Peter", "Karl-Heinz", "Heiko",
            "Torsten", "Carsten", "Oliver", "Martin", "Johannes", "Fabian", "Julian", "Leon",
            "Paul", "Elias", "Sönke", "Jens", "Lars",
        ),
        (
            "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
            "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf",
            "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann",
            "Hartmann", "Lange", "Schmitt", "Werner", "Schmitz", "Krause", "Meier", "Lehmann",
            "Schmid", "Schulze", "Maier", "Köhler", "Herrmann", "König", "Walter", "Mayer",
            "Huber", "Kaiser", "Fuchs", "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung",
            "Hahn", "Schubert", "Vogel", "Friedrich", "Keller", "Günther", "Frank", "Berger",
            "Winkler", "Roth", "Beck", "Lorenz", "Baumann", "Franke", "Albrecht", "Schuster",
            "Simon", "Ludwig", "Böhm", "Winter", "Kraus", "Martin", "Schumacher", "Krämer",
            "Vogt", "Stein", "Jäger", "Otto", "Sommer", "Groß", "Seidel", "Heinrich", "Brandt",
            "Haas", "Schreiber", "Graf", "Schulte", "Dietrich", "Ziegler", "Kuhn", "Kühn",
            "Pohl", "Engel", "Horn", "Busch", "Bergmann", "Thomas", "Voigt", "Sauer", "Arnold",
            "Wolff", "Pfeiffer", "Lindner", "Ebert", "Reuter", "Haase", "Kessler", "Wendt",
            "Dittrich", "Brinkmann", "Ernst", "Wilhelm", "Böttcher", "Petersen", "Gerlach",
            "Thiel", "Wenzel", "Fiedler", "Hesse", "Sander", "Hübner", "Schmitz-Lohmann",
        ),
    ),
    NameOrigin(
        6,
        ("Ayşe", "Elif", "Zeynep", "Fatma", "Emine", "Merve", "Derya"),
        ("Mehmet", "Ahmet", "Mustafa", "Emre", "Murat", "Hüseyin", "Can", "Serkan"),
        ("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın", "Arslan", "Doğan"),
    ),
    NameOrigin(
        4,
        ("Aleksandra", "Katarzyna", "Agnieszka", "Magdalena", "Joanna"),
        ("Piotr", "Tomasz", "Krzysztof", "Paweł", "Marek"),
        ("Nowak", "Wójcik", "Kaczmarek", "Mazur", "Krawczyk", "Zając", "Wróbel"),
    ),
    NameOrigin(
        3,
        ("Olga", "Natalia", "Irina", "Swetlana", "Jelena"),
        ("Sergej", "Andrej", "Dmitri", "Waldemar", "Viktor"),
        ("Klassen", "Janzen", "Friesen", "Dück", "Penner", "Enns"),
    ),
    NameOrigin(
        2,
        ("Giulia", "Francesca", "Chiara", "Alessia"),
        ("Luca", "Marco", "Giuseppe", "Antonio"),
        ("Rossi", "Russo", "Esposito", "Romano", "Ricci", "Greco"),
    ),
    NameOrigin(
        2,
        ("Dragana", "Ana", "Mirela", "Ivana"),
        ("Goran", "Milan", "Dragan", "Zoran"),
        ("Petrović", "Jovanović", "Horvat", "Kovačević", "Marković"),
    ),
    NameOrigin(
        1,
        ("Linh", "Thu", "Mai"),
        ("Minh", "Duc", "Tuan"),
        ("Nguyen", "Tran", "Pham", "Le"),
    ),
)  # fmt: skip
