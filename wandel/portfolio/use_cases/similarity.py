"""Finding use cases that say the same thing in other words, so duplicates merge.

Titles are compared by the character trigrams of their words (as PostgreSQL's pg_trgm
does), which copes with German compounds: "Vertragsklauseln" and "Klauseln in Verträgen"
share most trigrams although no word is equal.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

THRESHOLD = 0.28

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "of",
        "for",
        "to",
        "in",
        "on",
        "with",
        "from",
        "by",
        "at",
        "or",
        "via",
        "using",
        "use",
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einen",
        "einem",
        "einer",
        "und",
        "oder",
        "für",
        "fuer",
        "von",
        "vom",
        "zu",
        "zur",
        "zum",
        "mit",
        "aus",
        "bei",
        "im",
        "in",
        "am",
        "an",
        "auf",
        "über",
        "ueber",
        "per",
        "mittels",
        "durch",
        "ki",
        "ai",
        "genai",
        "llm",
    ]
)


@lru_cache(maxsize=8192)
def trigrams(text: str) -> frozenset[str]:
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    words = [w for w in re.findall(r"[a-z0-9]+", folded) if w not in STOPWORDS and len(w) > 1]
    grams: set[str] = set()
    for word in words:
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return frozenset(grams)


def similarity(a: str, b: str) -> float:
    """0 (nothing in common) to 1 (the same words), symmetric."""
    first, second = trigrams(a), trigrams(b)
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def most_similar(
    title: str, candidates: Iterable[tuple[int, str]], *, limit: int = 5
) -> list[tuple[int, float]]:
    """The ids of the candidates most like ``title``, best first, above the threshold."""
    scored = [(pk, similarity(title, other)) for pk, other in candidates]
    hits = [(pk, score) for pk, score in scored if score >= THRESHOLD]
    hits.sort(key=lambda hit: -hit[1])
    return hits[:limit]
