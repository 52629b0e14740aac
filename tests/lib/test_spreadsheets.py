"""The one formula-escaping rule every export uses."""

import pytest

from filet.lib.spreadsheets import escape_cell


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Prévention", "Prévention"),
        (None, ""),
        (5, 5),
        (2.5, 2.5),
        (True, "True"),
    ],
)
def test_escape_cell(value, expected):
    assert escape_cell(value) == expected
