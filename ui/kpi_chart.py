"""A KPI's chart (pyqtgraph): actual vs monthly target by fiscal month, last year overlaid, the
forecast to year-end as a dashed line with a band, value notes as markers, hover read-outs, PNG.

It only draws a domain.kpi_detail.ChartSeries; the plot items are made once and updated with
``setData`` when the series change (no plot is rebuilt).
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from domain.kpi_detail import ChartSeries
from domain.model import Kpi
from ui.dashboard_text import month_text, short_month, value_text

ACTUAL_COLOUR = QColor("#1f5fbf")
TARGET_COLOUR = QColor("#6b6b6b")
LAST_YEAR_COLOUR = QColor("#9db7e0")
FORECAST_COLOUR = QColor("#e07b00")
NOTE_COLOUR = QColor("#c62828")

NAN = float("nan")


def _ys(values: Sequence[float | None]) -> list[float]:
    return [NAN if v is None else float(v) for v in values]


class KpiChart(QWidget):
    """The chart plus a read-out line under it. ``set_series`` updates every item in place."""

    hovered = Signal(int)  # fiscal month index under the mouse

    def __init__(self, parent: QWidget | None = None, *, compact: bool = False) -> None:
        super().__init__(parent)
        pg.setConfigOptions(antialias=True)
        self.plot = pg.PlotWidget(background="w")
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.showGrid(x=False, y=True, alpha=0.25)
        font = QFont()
        font.setPointSize(9)
        for name in ("bottom", "left"):
            axis = self.plot.getAxis(name)
            axis.setTextPen(pg.mkPen("#333333"))
            axis.setPen(pg.mkPen("#999999"))
            axis.setStyle(tickFont=font)
        self.legend = self.plot.addLegend(offset=(8, 4), labelTextColor="#333333", colCount=4)
        if compact:
            self.legend.hide()

        def pen(colour: QColor, width: float = 2, style: Qt.PenStyle = Qt.PenStyle.SolidLine):
            p = pg.mkPen(colour, width=width)
            p.setStyle(style)
            return p

        self.band_low = pg.PlotDataItem(pen=pg.mkPen(None))
        self.band_high = pg.PlotDataItem(pen=pg.mkPen(None))
        band_colour = QColor(FORECAST_COLOUR)
        band_colour.setAlpha(45)
        self.band = pg.FillBetweenItem(self.band_low, self.band_high, brush=pg.mkBrush(band_colour))
        self.plot.addItem(self.band)
        self.last_year = self.plot.plot(
            name=QCoreApplication.translate("KpiChart", "前年度"),
            pen=pen(LAST_YEAR_COLOUR, 2),
            connect="finite",
        )
        self.target = self.plot.plot(
            name=QCoreApplication.translate("KpiChart", "目標"),
            pen=pen(TARGET_COLOUR, 2, Qt.PenStyle.DashLine),
            connect="finite",
        )
        self.forecast = self.plot.plot(
            name=QCoreApplication.translate("KpiChart", "予測"),
            pen=pen(FORECAST_COLOUR, 2, Qt.PenStyle.DashLine),
            connect="finite",
        )
        self.actual = self.plot.plot(
            name=QCoreApplication.translate("KpiChart", "実績"),
            pen=pen(ACTUAL_COLOUR, 2.5),
            symbol="o",
            symbolSize=7,
            symbolBrush=ACTUAL_COLOUR,
            symbolPen=pg.mkPen("w"),
            connect="finite",
        )
        self.notes = pg.ScatterPlotItem(
            symbol="star", size=14, brush=pg.mkBrush(NOTE_COLOUR), pen=pg.mkPen("w")
        )
        self.plot.addItem(self.notes)
        self.cursor = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#bbbbbb"))
        self.cursor.hide()
        self.plot.addItem(self.cursor)

        self.readout = QLabel()
        self.readout.setWordWrap(True)
        self.readout.setStyleSheet("color: #333; padding: 2px 4px;")
        self.readout.setVisible(not compact)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.readout)

        self._series: ChartSeries | None = None
        self._kpi: Kpi | None = None
        self._notes: tuple[str, ...] = ()
        self._mouse = pg.SignalProxy(
            self.plot.scene().sigMouseMoved, rateLimit=30, slot=self._on_mouse_moved
        )

    # --- data -----------------------------------------------------------------------------
    def set_series(
        self,
        kpi: Kpi,
        series: ChartSeries,
        notes: Sequence[str] = (),
        *,
        show_last_year: bool = True,
    ) -> None:
        self._kpi = kpi
        self._series = series
        self._notes = tuple(notes) if notes else ("",) * len(series.months)
        xs = list(range(len(series.months)))
        self.actual.setData(xs, _ys(series.actual))
        self.target.setData(xs, _ys(series.target))
        self.last_year.setData(xs, _ys(series.last_year))
        self.last_year.setVisible(show_last_year)
        self.forecast.setData(xs, _ys(series.forecast))
        # the band only where both edges exist, so the fill does not run through gaps
        low = [NAN if v is None else v for v in series.band_low]
        high = [NAN if v is None else v for v in series.band_high]
        first = next((i for i, v in enumerate(low) if not math.isnan(v)), None)
        if first is None:
            self.band_low.setData([], [])
            self.band_high.setData([], [])
        else:
            self.band_low.setData(xs[first:], low[first:])
            self.band_high.setData(xs[first:], high[first:])
        noted = [
            (i, v)
            for i, (v, note) in enumerate(zip(series.actual, self._notes, strict=True))
            if note and v is not None
        ]
        self.notes.setData([i for i, _ in noted], [v for _, v in noted])
        bottom = self.plot.getAxis("bottom")
        bottom.setTicks([[(i, short_month(m)) for i, m in enumerate(series.months)]])
        self.plot.setXRange(-0.4, len(xs) - 0.6, padding=0)
        self.plot.setLabel("left", kpi.unit or "")
        self._fit_y(series, show_last_year)
        self.readout.setText(self.readout_at(self._latest_index()))

    def _fit_y(self, series: ChartSeries, show_last_year: bool) -> None:
        """Y range over what is drawn, with headroom at the top for the legend row."""
        drawn = [series.actual, series.target, series.forecast, series.band_low, series.band_high]
        if show_last_year:
            drawn.append(series.last_year)
        values = [v for s in drawn for v in s if v is not None]
        if not values:
            self.plot.setYRange(0, 1, padding=0)
            return
        low, high = min(values), max(values)
        span = (high - low) or abs(high) or 1.0
        self.plot.setYRange(low - span * 0.06, high + span * 0.22, padding=0)

    def _latest_index(self) -> int:
        if self._series is None:
            return 0
        found = [i for i, v in enumerate(self._series.actual) if v is not None]
        return found[-1] if found else 0

    def series(self) -> ChartSeries | None:
        return self._series

    # --- hover ----------------------------------------------------------------------------
    def readout_at(self, index: int) -> str:
        """The read-out line for fiscal month ``index``: every series' value and the note."""
        series, kpi = self._series, self._kpi
        if series is None or kpi is None or not 0 <= index < len(series.months):
            return ""
        parts = [month_text(series.months[index])]
        labelled = (
            (QCoreApplication.translate("KpiChart", "実績"), series.actual[index]),
            (QCoreApplication.translate("KpiChart", "目標"), series.target[index]),
            (QCoreApplication.translate("KpiChart", "前年度"), series.last_year[index]),
        )
        for label, value in labelled:
            parts.append(f"{label} {value_text(kpi, value)}")
        if series.forecast[index] is not None and series.actual[index] is None:
            parts.append(
                QCoreApplication.translate("KpiChart", "予測 {0}").format(
                    value_text(kpi, series.forecast[index])
                )
            )
        text = "　".join(parts)
        note = self._notes[index] if index < len(self._notes) else ""
        if note:
            text += "\n" + QCoreApplication.translate("KpiChart", "メモ：{0}").format(note)
        return text

    def _on_mouse_moved(self, event: tuple[QPointF]) -> None:
        if self._series is None:
            return
        point = self.plot.getPlotItem().vb.mapSceneToView(event[0])
        index = round(point.x())
        if not 0 <= index < len(self._series.months):
            self.cursor.hide()
            return
        self.cursor.setPos(index)
        self.cursor.show()
        self.readout.setText(self.readout_at(index))
        self.hovered.emit(index)

    # --- export ---------------------------------------------------------------------------
    def export_png(self, path: str | os.PathLike[str]) -> Path:
        """Save the chart as PNG: written to a temporary name, then renamed into place."""
        target = Path(path)
        temporary = target.with_name(f".{target.stem}.part.png")
        image = self.plot.grab()
        if not image.save(str(temporary), "PNG"):
            temporary.unlink(missing_ok=True)
            raise OSError(str(target))
        os.replace(temporary, target)
        return target
