"""Small-cell suppression: exact examples, then properties over any table of counts."""

from hypothesis import given, settings
from hypothesis import strategies as st

from filet.lib.suppression import change, extend, period_total, protect

K = 5


def _lines(grid):
    rows = [list(row) for row in grid]
    columns = [list(column) for column in zip(*grid, strict=True)]
    return rows + columns


def _published_grid(result):
    rows, columns = len(result.row_totals), len(result.column_totals)
    return [[result.cell(i, j) for j in range(columns + 1)] for i in range(rows + 1)]


def test_a_table_without_small_cells_is_published_whole():
    result = protect([[10, 20], [30, 40]], K)
    assert result.cells == [[10, 20], [30, 40]]
    assert result.row_totals == [30, 70]
    assert result.column_totals == [40, 60]
    assert result.total == 100
    assert result.hidden == frozenset()


def test_zero_is_published():
    result = protect([[0, 20], [30, 40]], K)
    assert result.cells == [[0, 20], [30, 40]]


def test_a_lone_small_cell_takes_the_next_smallest_of_its_row_and_column_with_it():
    result = protect([[3, 12, 40], [25, 30, 50]], K)
    # 3 is hidden; 12 is the smallest other cell of its row, 25 of its column; then the
    # second row has one hidden cell (25), so its smallest other cell (30) goes too.
    assert result.cells == [[None, None, 40], [None, None, 50]]
    assert result.row_totals == [55, 105]
    assert result.column_totals == [28, 42, 90]
    assert result.total == 160


def test_a_small_total_is_hidden_with_its_cells():
    result = protect([[2, 1, 0]], K)
    assert result.cells == [[None, None, 0]]
    assert result.row_totals == [None]
    assert result.column_totals == [None, None, 0]
    assert result.total is None


def test_a_single_cell_row_hides_its_total_rather_than_leave_it_readable():
    result = protect([[3], [20]], K)
    assert result.cells == [[None], [None]]
    assert result.row_totals == [None, None]
    assert result.column_totals == [23]


def test_subtraction_from_the_total_reveals_nothing():
    result = protect([[4, 9, 11]], K)
    values = [v for v in result.cells[0] if v is not None]
    assert result.cells[0].count(None) == 2
    # What an attacker can compute: the sum of the hidden cells, never one of them.
    assert result.row_totals[0] - sum(values) == 4 + 9


def test_sensitive_cells_join_the_primary_suppression():
    result = protect([[10, 20, 30]], K, sensitive=lambda i, j: (i, j) == (0, 2))
    assert result.cells == [[None, 20, None]]
    assert result.row_totals == [60]
    assert result.column_totals == [None, 20, None]
    assert result.total == 60


def test_period_total_is_hidden_when_one_month_is():
    assert period_total([10, 12, 7]) == 29
    assert period_total([10, None, 7]) is None
    assert period_total([]) == 0


def test_change_needs_two_published_totals():
    assert change(15, 10) == 0.5
    assert change(None, 10) is None
    assert change(15, None) is None
    assert change(15, 0) is None


tables = st.integers(min_value=1, max_value=6).flatmap(
    lambda columns: st.lists(
        st.lists(
            st.one_of(st.just(0), st.integers(1, 6), st.integers(0, 60)),
            min_size=columns,
            max_size=columns,
        ),
        min_size=1,
        max_size=6,
    )
)


@settings(max_examples=400, deadline=None)
@given(table=tables, k=st.integers(min_value=2, max_value=10))
def test_no_published_entry_is_between_1_and_k_minus_1(table, k):
    grid = _published_grid(protect(table, k))
    assert all(v is None or v == 0 or v >= k for row in grid for v in row)


@settings(max_examples=400, deadline=None)
@given(table=tables, k=st.integers(min_value=2, max_value=10))
def test_every_line_with_a_hidden_entry_has_at_least_two(table, k):
    """Rows and columns of the extended grid (totals included): one hidden entry alone
    would be its line's total minus the published entries."""
    grid = _published_grid(protect(table, k))
    for line in _lines(grid):
        assert line.count(None) != 1


@settings(max_examples=300, deadline=None)
@given(table=tables, k=st.integers(min_value=2, max_value=10))
def test_published_entries_are_the_true_counts(table, k):
    truth = extend(table)
    grid = _published_grid(protect(table, k))
    for true_row, row in zip(truth, grid, strict=True):
        for true_value, value in zip(true_row, row, strict=True):
            assert value is None or value == true_value


@settings(max_examples=300, deadline=None)
@given(table=tables, k=st.integers(min_value=2, max_value=10))
def test_no_hidden_cell_can_be_solved_from_one_line(table, k):
    """The differencing attack within a table: for each line, total minus what is
    published is the sum of at least two hidden entries, never one."""
    result = protect(table, k)
    grid = _published_grid(result)
    truth = extend(table)
    for line, true_line in zip(_lines(grid), _lines(truth), strict=True):
        hidden = [t for v, t in zip(line, true_line, strict=True) if v is None]
        assert len(hidden) in (0,) or len(hidden) >= 2


@settings(max_examples=400, deadline=None)
@given(table=tables, k=st.integers(min_value=2, max_value=10))
def test_what_a_published_total_leaves_to_guess_is_never_a_small_group(table, k):
    """Total minus published entries is the sum of the hidden ones: 0 (none hidden) or at
    least k, so it never counts a small group, nor proves hidden cells empty."""
    grid = _published_grid(protect(table, k))
    truth = extend(table)
    for line, true_line in zip(_lines(grid), _lines(truth), strict=True):
        if line[-1] is None:
            continue
        hidden = [t for v, t in zip(line[:-1], true_line[:-1], strict=True) if v is None]
        assert not hidden or sum(hidden) >= k


@settings(max_examples=300, deadline=None)
@given(table=tables, k=st.integers(min_value=2, max_value=10))
def test_a_companion_count_follows_the_same_rule(table, k):
    """Observations published beside youths: neither count is ever small, and the hidden
    sums of both stay at k or more wherever a line's total is published."""
    observations = [[(v + 1) // 2 for v in row] for row in table]
    result = protect(table, k, companion=observations)
    companion = extend(observations)
    for i, row in enumerate(companion):
        for j, value in enumerate(row):
            if (i, j) not in result.hidden:
                assert value == 0 or value >= k
    for line in _lines([[(i, j) for j in range(len(companion[0]))] for i in range(len(companion))]):
        if line[-1] in result.hidden:
            continue
        hidden = [companion[i][j] for i, j in line[:-1] if (i, j) in result.hidden]
        assert not hidden or sum(hidden) >= k
