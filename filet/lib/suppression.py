"""Small-cell suppression for every published count (DOMAIN.md §3, 2024 anonymisation
regulation: no singling out, no linking, no inference).

Pure functions over tables of counts; nothing here touches the database, so the observatory,
its exports and the pivots' "< 5" reports all share one rule:

1. **Primary suppression.** A cell whose count is between 1 and k − 1 is never published
   (0 is published: it singles nobody out). A caller may mark more cells as sensitive, for
   instance a cell whose complement in a wider view is small (differencing attack).
2. **Complementary suppression.** A table is published with its row and column totals. Each
   row and each column, totals included, is a linear equation: if exactly one of its
   entries were hidden, subtraction would reveal it. So every line holding a hidden entry
   gets a second one (the smallest other non-zero inner cell, else a total); and while a
   line's total is published, its hidden entries must add up to at least k, so that
   "total minus published" never counts a small group nor proves hidden cells empty.
   This repeats until no line is exposed.
3. **Totals over time.** A period total is published only when every month in it is; so
   two overlapping periods can never be subtracted to reveal a month (`period_total`).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

DEFAULT_K = 5

Position = tuple[int, int]


def is_small(value: int, k: int) -> bool:
    """A count that would single someone out: 1 to k − 1."""
    return 0 < value < k


@dataclass(frozen=True)
class Protected:
    """A table after suppression: None stands for a hidden count."""

    cells: list[list[int | None]]
    row_totals: list[int | None]
    column_totals: list[int | None]
    total: int | None
    hidden: frozenset[Position] = field(default_factory=frozenset)

    def cell(self, row: int, column: int) -> int | None:
        """Any entry of the extended grid: index len(rows) or len(columns) is the total."""
        rows, columns = len(self.row_totals), len(self.column_totals)
        if row == rows and column == columns:
            return self.total
        if row == rows:
            return self.column_totals[column]
        if column == columns:
            return self.row_totals[row]
        return self.cells[row][column]


def extend(table: Sequence[Sequence[int]]) -> list[list[int]]:
    """The table with a total column on the right and a total row at the bottom."""
    columns = len(table[0]) if table else 0
    grid = [[*row, sum(row)] for row in table]
    grid.append([sum(row[j] for row in grid) for j in range(columns + 1)])
    return grid


def protect(
    table: Sequence[Sequence[int]],
    k: int = DEFAULT_K,
    *,
    sensitive: Callable[[int, int], bool] | None = None,
    companion: Sequence[Sequence[int]] | None = None,
) -> Protected:
    """Suppress small cells of a rows × columns table and of its totals, then enough
    complementary entries that no row or column equation reveals a hidden one.

    `sensitive(row, column)` adds cells of the extended grid (totals at the last index)
    to the primary suppression. `companion` is a second count published with the same
    pattern (observations beside youths): its cells and hidden sums obey the same rule."""
    if any(len(row) != len(table[0]) for row in table):
        raise ValueError("every row needs the same number of columns")
    other = extend(companion) if companion is not None else None
    return protect_extended(extend(table), k, sensitive=sensitive, companion=other)


def protect_extended(
    grid: list[list[int]],
    k: int,
    *,
    sensitive: Callable[[int, int], bool] | None = None,
    companion: list[list[int]] | None = None,
) -> Protected:
    """protect() for grids that already hold their totals (see extend)."""
    grids = [grid] if companion is None else [grid, companion]
    hidden = {
        (i, j)
        for i, row in enumerate(grid)
        for j in range(len(row))
        if any(is_small(g[i][j], k) for g in grids) or (sensitive is not None and sensitive(i, j))
    }
    _complete(grids, hidden, k)
    return _publish(grid, hidden)


def _lines(rows: int, columns: int) -> list[list[Position]]:
    by_row = [[(i, j) for j in range(columns)] for i in range(rows)]
    by_column = [[(i, j) for i in range(rows)] for j in range(columns)]
    return by_row + by_column


def _complete(grids: list[list[list[int]]], hidden: set[Position], k: int) -> None:
    grid = grids[0]
    rows, columns = len(grid), len(grid[0])
    last_row, last_column = rows - 1, columns - 1

    def cost(position: Position) -> tuple[int, bool, int, Position]:
        # Hide inner cells before totals, the grand total last; non-zero before zero
        # (a hidden zero is a weak partner); then the smallest, to lose the least.
        i, j = position
        margin = (i == last_row) + (j == last_column)
        value = grid[i][j]
        return (margin, value == 0, value, position)

    def exposed(line: list[Position]) -> bool:
        # One hidden entry alone is its line's total minus the published ones; and while
        # the total is published, the hidden inner entries must add up to k or more, or
        # their sum (zero included) would be read as the count of the group they form.
        inside = [p for p in line if p in hidden]
        if len(inside) == 1:
            return True
        if not inside or line[-1] in hidden:
            return False
        return any(sum(g[i][j] for i, j in inside) < k for g in grids)

    changed = True
    while changed:
        changed = False
        for line in _lines(rows, columns):
            if not exposed(line):
                continue
            candidates = [p for p in line if p not in hidden]
            if candidates:
                hidden.add(min(candidates, key=cost))
                changed = True


def _publish(grid: list[list[int]], hidden: set[Position]) -> Protected:
    def shown(i: int, j: int) -> int | None:
        return None if (i, j) in hidden else grid[i][j]

    rows, columns = len(grid) - 1, len(grid[0]) - 1
    return Protected(
        cells=[[shown(i, j) for j in range(columns)] for i in range(rows)],
        row_totals=[shown(i, columns) for i in range(rows)],
        column_totals=[shown(rows, j) for j in range(columns)],
        total=shown(rows, columns),
        hidden=frozenset(hidden),
    )


def period_total(values: Sequence[int | None]) -> int | None:
    """The sum of published months; hidden as soon as one month is hidden."""
    if any(value is None for value in values):
        return None
    return sum(value for value in values if value is not None)


def change(current: int | None, previous: int | None) -> float | None:
    """Relative change between two published totals, None when either is hidden or the
    previous one is zero."""
    if current is None or previous is None or previous == 0:
        return None
    return (current - previous) / previous
