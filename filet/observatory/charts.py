"""Geometry of the server-rendered SVG charts; the template only draws it. Each chart sits
beside its data table, so a screen reader or a print reads the same numbers."""

from dataclasses import dataclass
from datetime import date

from django.utils import formats

WIDTH, HEIGHT, BASELINE = 640, 220, 190


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int | None
    label: str
    previous: bool = False


def timeline(months: list[date], values: list[int | None], previous: list[int | None]) -> list[Bar]:
    """One bar per month, the previous period's as a thinner bar beside it; a hidden month
    gets no bar (its table cell says "suppressed")."""
    largest = max([v for v in values + previous if v is not None] or [1]) or 1
    slot = WIDTH / max(len(months), 1)
    bars = []
    for index, month in enumerate(months):
        label = formats.date_format(month, "M Y")
        pairs = [(previous[index] if index < len(previous) else None, True), (values[index], False)]
        for offset, (value, earlier) in enumerate(pairs):
            height = 0 if value is None else (BASELINE - 20) * value / largest
            bars.append(
                Bar(
                    x=index * slot + 4 + offset * slot * 0.4,
                    y=BASELINE - height,
                    width=slot * (0.3 if earlier else 0.45),
                    height=height,
                    value=value,
                    label=label,
                    previous=earlier,
                )
            )
    return bars
