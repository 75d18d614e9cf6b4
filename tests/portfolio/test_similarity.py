"""Similar-idea detection, so duplicates merge instead of multiplying."""

from __future__ import annotations

import pytest

from wandel.portfolio.similarity import THRESHOLD, most_similar, similarity


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
