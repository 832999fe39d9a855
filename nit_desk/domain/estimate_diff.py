"""What changed between two versions of an estimate (R15), for reviews and the editor.

Pure: works on anything shaped like an estimate line (the services' DTOs, the
editor's rows), so the screens and the services share one definition.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Generic, Protocol, TypeVar


class EstimateLineLike(Protocol):
    """The fields of an estimate line the diff compares (R15)."""

    @property
    def price_item_id(self) -> int | None: ...

    @property
    def description(self) -> str: ...

    @property
    def quantity(self) -> Decimal: ...

    @property
    def unit(self) -> str: ...

    @property
    def unit_price_kopecks(self) -> int: ...

    @property
    def total_kopecks(self) -> int: ...


LineT = TypeVar("LineT", bound=EstimateLineLike)


@dataclass(frozen=True)
class EstimateDiff(Generic[LineT]):
    """Lines added, removed and changed from an old version to a new one.

    ``changed`` holds ``(old, new)`` pairs of lines that match (same price-list
    item and description) but differ in quantity, unit or price.
    ``total_change_kopecks`` is new total minus old total (exact, R16).
    """

    added: tuple[LineT, ...]
    removed: tuple[LineT, ...]
    changed: tuple[tuple[LineT, LineT], ...]
    total_change_kopecks: int

    @property
    def is_empty(self) -> bool:
        """Whether the two versions have the same lines."""
        return not (self.added or self.removed or self.changed)


def line_key(line: EstimateLineLike) -> tuple[Hashable, ...]:
    """How lines of two versions are matched: price-list item and description."""
    return (line.price_item_id, " ".join(line.description.split()).casefold())


def _same_terms(old: EstimateLineLike, new: EstimateLineLike) -> bool:
    return (old.quantity == new.quantity and str(old.unit) == str(new.unit)
            and old.unit_price_kopecks == new.unit_price_kopecks)


def diff_estimates(old: Sequence[LineT], new: Sequence[LineT]) -> EstimateDiff[LineT]:
    """Compare the lines of two estimate versions (R15).

    Lines match by :func:`line_key`; when a key repeats, its occurrences are
    paired in order and the surplus counts as added or removed.

    Returns:
        The diff; its lists keep the order of the versions' lines.
    """
    unmatched_new: dict[tuple[Hashable, ...], list[int]] = {}
    for index, line in enumerate(new):
        unmatched_new.setdefault(line_key(line), []).append(index)
    removed: list[LineT] = []
    changed: list[tuple[LineT, LineT]] = []
    paired: set[int] = set()
    for line in old:
        candidates = unmatched_new.get(line_key(line))
        if not candidates:
            removed.append(line)
            continue
        partner = candidates.pop(0)
        paired.add(partner)
        if not _same_terms(line, new[partner]):
            changed.append((line, new[partner]))
    added = [line for index, line in enumerate(new) if index not in paired]
    change = sum(line.total_kopecks for line in new) - sum(line.total_kopecks for line in old)
    return EstimateDiff(tuple(added), tuple(removed), tuple(changed), change)
