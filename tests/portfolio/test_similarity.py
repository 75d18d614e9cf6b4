"""Similar-idea detection, so duplicates merge instead of multiplying."""

from __future__ import annotations

import pytest

from wandel.portfolio.use_cases.similarity import THRESHOLD, most_similar, similarity


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Vertragsklauseln extrahieren", "Klauseln aus Verträgen extrahieren"),
        ("Antwortentwürfe für Kundenservice", "Kundenservice-Antworten entwerfen"),
        ("Meeting minutes summary", "Summarise meeting minutes"),
        ("Interne Wissenssuche", "Wissenssuche im Intranet"),
        ("Code-Review-Assistent", "Assistent für Code Reviews"),
    ],
)
def test_the_same_idea_in_other_words_is_similar(a, b):
    assert similarity(a, b) >= THRESHOLD


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Vertragsklauseln extrahieren", "Schichtplanung optimieren"),
        ("Meeting minutes summary", "Code review helper"),
        ("Übersetzung technischer Dokumentation", "Reisekostenabrechnung prüfen"),
    ],
)
def test_different_ideas_are_not_similar(a, b):
    assert similarity(a, b) < THRESHOLD


def test_similarity_is_symmetric_and_one_for_equal_titles():
    a, b = "Angebote schneller erstellen", "Angebotserstellung beschleunigen"
    assert similarity(a, b) == similarity(b, a)
    assert similarity(a, a) == 1.0


def test_case_accents_and_stopwords_do_not_matter():
    assert similarity("Übersetzung für die Technik", "uebersetzung technik") > 0.5
    assert similarity("Ubersetzung Technik", "ÜBERSETZUNG TECHNIK") == 1.0


def test_empty_or_stopword_only_titles_match_nothing():
    assert similarity("", "Wissenssuche") == 0.0
    assert similarity("die der das", "Wissenssuche") == 0.0


def test_most_similar_ranks_and_limits():
    candidates = [
        (1, "Vertragsklauseln automatisch extrahieren"),
        (2, "Klauseln aus Lieferverträgen auslesen"),
        (3, "Kantinenplan veröffentlichen"),
    ]
    hits = most_similar("Vertragsklauseln extrahieren", candidates, limit=5)
    assert [pk for pk, _ in hits][:1] == [1]
    assert 3 not in [pk for pk, _ in hits]
    assert len(most_similar("Vertragsklauseln extrahieren", candidates, limit=1)) == 1


# The threshold is 0.28. Pairs whose similarity is written out as a fraction of shared
# trigrams, just below, exactly at and just above it (counted by hand: "termin" has 7
# trigrams, "  t", " te", "ter", "erm", "rmi", "min", "in ").
@pytest.mark.parametrize(
    ("a", "b", "value", "similar"),
    [
        ("Termin planen", "Termin liste mappe", 7 / 26, False),
        ("Termin dokumentieren", "Termin zusammenfassen koordinieren", 12 / 43, False),
        ("Termin planen", "Termin raum liste", 0.28, True),
        ("Termin planen", "Termin dokumentieren ordnen", 9 / 32, True),
        ("Termin planen", "Termin raum gast", 7 / 24, True),
    ],
)
def test_the_threshold_is_0_28_below_at_and_above(a, b, value, similar):
    assert similarity(a, b) == value
    assert (most_similar(a, [(1, b)]) == [(1, value)]) is similar


CANDIDATES = [
    (1, "Termin raum liste"),  # 7/25 = 0.28
    (2, "Termin planen raum"),  # 14/19
    (3, "Kantine"),  # 0
    (4, "Termin raum gast"),  # 7/24
    (5, "Termin planen"),  # 1
    (6, "Termine planen"),  # 13/16
    (7, "Termin planen und buchen"),  # 7/10
    (8, "Termin abstimmen lesen"),  # 2/7
]


def test_most_similar_lists_the_five_best_first_by_default():
    assert most_similar("Termin planen", CANDIDATES) == [
        (5, 1.0),
        (6, 13 / 16),
        (2, 14 / 19),
        (7, 7 / 10),
        (4, 7 / 24),
    ]


def test_most_similar_lists_every_hit_best_first_within_a_larger_limit():
    assert [pk for pk, _ in most_similar("Termin planen", CANDIDATES, limit=10)] == [
        5,
        6,
        2,
        7,
        4,
        8,
        1,
    ]
