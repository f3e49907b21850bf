"""Horizontal bar charts as plain geometry, drawn as inline SVG by the report template.

Server-rendered SVG reads without JavaScript, prints, and goes into the PDF unchanged. Each
chart sits next to the table that holds its numbers, which is what a screen reader reads.
"""

from dataclasses import dataclass

MAX_BARS = 15
WIDTH = 640
LABEL_WIDTH = 250
BAR_START = LABEL_WIDTH + 10
BAR_SPACE = WIDTH - BAR_START - 60  # room for the value after the longest bar
PITCH, BAR_HEIGHT = 22, 14
LABEL_CHARACTERS = 38


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    text_y: int
    width: float
    value_x: float


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: list[Bar]
    height: int
    omitted: int  # rows beyond MAX_BARS, still in the table

    width = WIDTH
    bar_start = BAR_START
    bar_height = BAR_HEIGHT
    label_end = LABEL_WIDTH


def _short(label: str) -> str:
    label = str(label)
    return label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "…"


def bar_chart(rows: list[tuple[str, int]], *, title: str) -> BarChart | None:
    """The first MAX_BARS rows, scaled to the largest value; None when there is nothing to draw."""
    shown = [(label, value or 0) for label, value in rows[:MAX_BARS]]
    if not shown or not any(value for _label, value in shown):
        return None
    largest = max(value for _label, value in shown)
    bars = []
    for index, (label, value) in enumerate(shown):
        width = round(BAR_SPACE * value / largest, 1)
        top = index * PITCH
        bars.append(
            Bar(
                label=_short(label),
                value=value,
                y=top + (PITCH - BAR_HEIGHT) // 2,
                text_y=top + PITCH // 2 + 4,
                width=width,
                value_x=BAR_START + width + 6,
            )
        )
    return BarChart(title, bars, len(shown) * PITCH, max(0, len(rows) - MAX_BARS))
