"""The anonymity rules every figure about people's answers goes through (DESIGN.md, invariant
1): surveys' results pages, exports, API answers, PDFs and prompts, and later evaluations
and usage figures. Pure functions over counts; no database access.

The figures of a survey wave form one table: reporting groups by unit (rows) and by role
(columns), each entry the number of responses. Every figure any page can show is an entry of
that table — a cell (unit and role), a margin (a unit, or a role, across the other) or the
total — so one suppression pattern, computed once for the whole table, serves every
breakdown and every filter, and no two views can be combined to undo it.

The pattern:

1. *Primary suppression*: an entry with fewer than k responses (or fewer than k people
   asked) is withheld: "too few responses".
2. *Complementary suppression*: along every line of the table (a unit across its roles with
   the unit's total, a role across units with the role's total, the units with the grand
   total, the roles with the grand total), the withheld entries of a line whose total is
   shown must together hold none or at least k responses — else the smallest shown entry is
   withheld too — so subtracting the shown entries from the total yields nothing smaller
   than k. A line whose total is withheld keeps at least one entry withheld, so that the
   total cannot be added up from its parts. Both rules repeat until nothing changes.
3. The *remainder rule* follows: a filter (a unit, a role, or both) selects one entry, and
   is refused when that entry is withheld, since either it is small itself or the rest of
   a line it belongs to would be.

Per question, the same pattern is computed again from the number of responses that answered
it (optional questions and multiple choices have their own counts), starting from the
responses' pattern.

Limits, on purpose: the rules protect against subtraction along lines and chains of
lines, which is what the offered breakdowns and filters allow; they do not solve general
systems of linear equations over the whole table (a suppressed entry that is the only link
between two cycles of withheld entries could be bounded by a determined analyst). Tables here
have at most two dimensions and few roles, where such a pattern needs several coinciding
small groups; ``docs/anonymity.md`` says so.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from wandel.core.errors import DomainError

# The minimum group size k when an admin has set no floor.
DEFAULT_MIN_GROUP = 5
# Free-text answers are shown only with at least this many answers (and never below k).
DEFAULT_COMMENT_THRESHOLD = 10

# A cell of the table is (row, column); an entry may also stand for "all" rows or columns
# (None), so (None, None) is the total.
type Cell = tuple[str, str]
type Entry = tuple[str | None, str | None]
TOTAL: Entry = (None, None)


def min_group(wanted: int, floor: int) -> int:
    """The k a survey uses: what it asks for, but never below the organisation's floor."""
    return max(wanted, floor)


def comment_threshold(wanted: int, k: int) -> int:
    """How many answers free text needs before it is shown: never fewer than k."""
    return max(wanted, k)


def released(responses: int, k: int, *, closed: bool) -> int:
    """How many responses a wave's figures may include: all once it is closed; while it is
    open, only whole steps of k, so that a figure never changes by fewer than k answers."""
    if closed:
        return responses
    return responses - responses % k


@dataclass(frozen=True)
class Table:
    """Counts per cell (row, column). Rows and columns are listed so that empty cells (no
    responses, but people asked) take part in the pattern; ``population`` is how many
    people were asked per cell, where known."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    counts: Mapping[Cell, int]
    population: Mapping[Cell, int] | None = None

    def count(self, entry: Entry) -> int:
        return _total(self.counts, entry)

    def people(self, entry: Entry) -> int | None:
        """How many people were asked in ``entry``; None when that is not known for each
        of its cells (answers through an anonymous link without a group)."""
        if self.population is None:
            return None
        row, column = entry
        cells = [
            (r, c)
            for r in self.rows
            for c in self.columns
            if (row is None or r == row) and (column is None or c == column)
        ]
        if any(cell not in self.population for cell in cells):
            return None
        return sum(self.population[cell] for cell in cells)

    def entries(self) -> list[Entry]:
        rows: tuple[str | None, ...] = (*self.rows, None)
        columns: tuple[str | None, ...] = (*self.columns, None)
        return [(row, column) for row in rows for column in columns]

    def lines(self) -> list[tuple[Entry, list[Entry]]]:
        """Each line of the table: its total and the entries that add up to it."""
        found: list[tuple[Entry, list[Entry]]] = []
        rows: tuple[str | None, ...] = (*self.rows, None)
        columns: tuple[str | None, ...] = (*self.columns, None)
        for row in rows:
            found.append(((row, None), [(row, column) for column in self.columns]))
        for column in columns:
            found.append(((None, column), [(row, column) for row in self.rows]))
        return found


def _total(counts: Mapping[Cell, int], entry: Entry) -> int:
    row, column = entry
    return sum(
        n
        for (r, c), n in counts.items()
        if (row is None or r == row) and (column is None or c == column)
    )


def withheld(table: Table, k: int, *, start: Iterable[Entry] = ()) -> frozenset[Entry]:
    """The entries of ``table`` that must not be shown for minimum group size ``k``, beyond
    those in ``start`` (see the module for the rules)."""
    entries = table.entries()
    sizes = {entry: table.count(entry) for entry in entries}
    order = {entry: index for index, entry in enumerate(entries)}
    hidden: set[Entry] = set(start)
    for entry in entries:
        people = table.people(entry)
        if sizes[entry] < k or (people is not None and people < k):
            hidden.add(entry)

    def smallest(shown: Sequence[Entry]) -> Entry:
        # The complement to withhold: the entry with the fewest responses (the least lost),
        # the first in the table's order among equals.
        return min(shown, key=lambda entry: (sizes[entry], order[entry]))

    lines = table.lines()
    while True:
        before = len(hidden)
        for total, members in lines:
            if len(members) == 1:
                # A line of one entry (a table of one column or row): the entry and its
                # total are the same figure, shown or withheld together.
                if (members[0] in hidden) != (total in hidden):
                    hidden.update((members[0], total))
                continue
            shown = [entry for entry in members if entry not in hidden]
            kept = [entry for entry in members if entry in hidden]
            if total in hidden:
                # The parts must not add up to the withheld total.
                if not kept:
                    hidden.add(smallest(shown))
                continue
            # What the shown total minus the shown parts reveals: nothing, or several
            # entries together holding at least k responses. (With every part withheld,
            # they hold the total, which is shown only from k.)
            kept_back = sum(sizes[entry] for entry in kept)
            if kept_back and (len(kept) == 1 or kept_back < k):
                hidden.add(smallest(shown))
        if len(hidden) == before:
            return frozenset(hidden)


class Refusal(DomainError):
    """A view the rules refuse; ``reason`` says which rule (the caller words it)."""

    SMALL = "small"
    REMAINDER = "remainder"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def check_filter(table: Table, k: int, hidden: frozenset[Entry], entry: Entry) -> None:
    """Refuse a filter to ``entry`` when it is withheld: ``SMALL`` when it has fewer than k
    responses or people itself, ``REMAINDER`` when it was withheld so that the rest of a line
    cannot be worked out by subtraction."""
    if entry not in hidden:
        return
    people = table.people(entry)
    if table.count(entry) < k or (people is not None and people < k):
        raise Refusal(Refusal.SMALL)
    raise Refusal(Refusal.REMAINDER)


def comments_shown(answers: int, threshold: int, entry: Entry) -> bool:
    """Free text is shown for the whole wave only (never broken down), and only with at least
    ``threshold`` answers."""
    return entry == TOTAL and answers >= threshold


def shuffled[T](items: Sequence[T], seed: int | str | None = None) -> list[T]:
    """``items`` in a random order, so that the order of free-text answers says nothing about
    when, or in which group, they were given."""
    mixed = list(items)
    random.Random(seed).shuffle(mixed)  # an order, not a secret
    return mixed
