"""Cells for CSV and XLSX exports that a spreadsheet will never run (SECURITY.md 1.2.10)."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: object) -> object:
    """Numbers stay numbers; text starting with a formula trigger gets a leading quote."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
