"""Server-rendered bar charts (SVG, no script): each bar is a figure already through the suppression rule; a
secret figure draws no bar and reads "s". Every chart sits next to the table that holds the same figures."""

from __future__ import annotations

from dataclasses import dataclass

from figures.selectors import KIND_COLUMNS, ProgrammeFigures
from figures.suppression import Cell

BAR_HEIGHT = 18
GAP = 6
LABEL_WIDTH = 230
PLOT_WIDTH = 360
WIDTH = LABEL_WIDTH + PLOT_WIDTH + 60


@dataclass
class Bar:
    label: str
    cell: Cell
    y: int
    width: float

    @property
    def text(self) -> str:
        return str(self.cell)

    label_width: int = LABEL_WIDTH

    @property
    def text_x(self) -> float:
        return self.label_width + self.width + 6

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT - 4


@dataclass
class Chart:
    key: str
    title: str
    bars: list[Bar]
    height: int
    label_width: int = LABEL_WIDTH
    width: int = WIDTH


def _chart(
    key: str, title: str, items: list[tuple[str, Cell]], *, maximum: float | None = None, label_width=LABEL_WIDTH
) -> Chart:
    values = [cell.shown for _label, cell in items if cell.shown is not None]
    top = maximum or max(values, default=0) or 1
    bars = []
    for index, (label, cell) in enumerate(items):
        shown = cell.shown or 0
        y = index * (BAR_HEIGHT + GAP)
        bars.append(Bar(label=label, cell=cell, y=y, width=PLOT_WIDTH * shown / top, label_width=label_width))
    return Chart(
        key=key,
        title=title,
        bars=bars,
        height=max(1, len(items)) * (BAR_HEIGHT + GAP),
        label_width=label_width,
        width=label_width + PLOT_WIDTH + 60,
    )


def programme_charts(figures: ProgrammeFigures, titles: dict[str, str]) -> list[Chart]:
    """The diplomas and the response rate per cohort, and the kinds of structure of all graduates who answered."""
    rows = figures.rows
    return [
        _chart("awarded", titles["awarded"], [(row.label, row.cells["awarded"]) for row in rows]),
        _chart(
            "response_rate",
            titles["response_rate"],
            [(row.label, row.cells["response_rate"]) for row in rows],
            maximum=100,
        ),
        _chart(
            "employment",
            titles["employment"],
            [(str(column.label), figures.total.cells[column.key]) for column in KIND_COLUMNS],
            label_width=340,
        ),
    ]
