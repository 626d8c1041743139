"""The tile wall of the dashboard: a QListView in icon mode whose delegate paints department headers
(full width: name, mission, counts) and KPI tiles (status stripe, latest value, YTD achievement,
sparkline of actual vs target, forecast, warning and missing badges). Nothing here reads the
database.

Painting is cheap enough for hundreds of KPIs because Qt asks only for the visible items and
each item is drawn once into a pixmap that is reused while the item object is the same (refreshes
keep unchanged tiles, domain.dashboard.TileCache, and the models keep unchanged rows). Drawing a
new tile reuses what does not depend on it: fonts and their metrics, the card of each status
(border, stripe) and the fixed labels as pre-laid-out static text.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QStaticText,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from domain.dashboard import DepartmentSection, KpiTile
from domain.forecast import Method, Severity
from domain.model import Status
from ui.dashboard_models import TileModel
from ui.dashboard_text import (
    SEVERITY_COLOUR,
    STATUS_ACCENT,
    STATUS_BACKGROUND,
    percent,
    short_month,
    status_label,
    value_text,
)

Index = QModelIndex | QPersistentModelIndex
TILE_SIZE = QSize(236, 138)
HEADER_HEIGHT = 58
# The wall behind the tiles. Items are drawn onto it in opaque pictures (copying one onto the
# screen is a plain copy, where a transparent one would be blended pixel by pixel).
WALL = QColor("#f8f9fa")
ACTUAL_LINE = QColor("#1f5fbf")
TARGET_LINE = QColor("#8a8a8a")
INK = QColor("#202124")
GREY = QColor("#5f6368")
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTRE = Qt.AlignmentFlag.AlignCenter
PIXMAPS_KEPT = 4000  # about 8 screens of tiles in every state


def sparkline_path(
    values: tuple[float | None, ...], rect: QRectF, low: float, high: float
) -> QPainterPath:
    """A polyline through the values (gaps break it) scaled into ``rect``."""
    path = QPainterPath()
    n = len(values)
    span = (high - low) or 1.0
    drawing = False
    for i, value in enumerate(values):
        if value is None:
            drawing = False
            continue
        x = rect.left() + rect.width() * (i + 0.5) / n
        y = rect.bottom() - rect.height() * (value - low) / span
        if drawing:
            path.lineTo(x, y)
        else:
            path.moveTo(x, y)
            drawing = True
    return path


class TileDelegate(QStyledItemDelegate):
    def __init__(self, view: QListView, model: TileModel) -> None:
        super().__init__(view)
        self._view = view
        self._model = model
        self._pixmaps: dict[tuple[object, ...], tuple[object, QPixmap]] = {}
        self._fonts: dict[tuple[str, float, bool], tuple[QFont, QFontMetrics]] = {}
        self._cards: dict[tuple[object, ...], QPixmap] = {}
        self._static: dict[tuple[str, str, float, bool], QStaticText] = {}
        self._base_fonts: dict[str, QFont] = {}

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        if isinstance(self._model.item_at(index.row()), DepartmentSection):
            width = self._view.viewport().width() - 2 * self._view.spacing() - 4
            return QSize(max(width, TILE_SIZE.width()), HEADER_HEIGHT)
        return TILE_SIZE

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        item = self._model.item_at(index.row())
        if item is None:
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        pixmap = self._pixmap(item, option, selected, hovered)
        painter.drawPixmap(option.rect.topLeft(), pixmap)

    def _pixmap(
        self,
        item: DepartmentSection | KpiTile,
        option: QStyleOptionViewItem,
        selected: bool,
        hovered: bool,
    ) -> QPixmap:
        """The item drawn once into a pixmap and reused: a tile while the tile object is the same,
        a header while its department and counts are (so both years of a switch back and forth
        keep theirs)."""
        ratio = self._view.devicePixelRatioF()
        size = option.rect.size()
        header = isinstance(item, DepartmentSection)
        shown: object = item
        if header:
            selected = hovered = False  # headers look the same in every state
            shown = (item.department, item.summary)  # type: ignore[union-attr]
            key: tuple[object, ...] = (shown, size.width(), size.height(), ratio)
        else:
            key = (id(item), size.width(), size.height(), selected, hovered, ratio)
        found = self._pixmaps.get(key)
        if found is not None and (found[0] is item or (header and found[0] == shown)):
            return found[1]
        if len(self._pixmaps) > PIXMAPS_KEPT:
            self._pixmaps.clear()
        if header:
            pixmap = QPixmap(round(size.width() * ratio), round(size.height() * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(WALL)
        else:
            pixmap = self._card(item.status, size, selected, hovered, ratio).copy()
            pixmap.setDevicePixelRatio(ratio)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRect(QPoint(0, 0), size)
        base = option.font.key()  # once per item: computing a font's key is not cheap
        if base not in self._base_fonts:
            self._base_fonts[base] = QFont(option.font)
        if isinstance(item, DepartmentSection):
            self._paint_header(painter, rect, item, base)
        else:
            self._paint_tile(painter, rect, item, base)
        painter.end()
        self._pixmaps[key] = (shown, pixmap)
        return pixmap

    # --- what many items share -------------------------------------------------------------
    def _font(self, base: str, points: float, bold: bool = False) -> tuple[QFont, QFontMetrics]:
        """The items' font (``base``: its key, see :meth:`_pixmap`) at ``points``, with metrics."""
        key = (base, points, bold)
        found = self._fonts.get(key)
        if found is None:
            font = QFont(self._base_fonts[base])
            font.setPointSizeF(points)
            font.setBold(bold)
            found = self._fonts[key] = (font, QFontMetrics(font))
        return found

    def _label(self, text: str, base: str, points: float, bold: bool = False) -> QStaticText:
        """Fixed text laid out once in that font (drawn many times)."""
        key = (text, base, points, bold)
        found = self._static.get(key)
        if found is None:
            found = self._static[key] = QStaticText(text)
            found.setTextFormat(Qt.TextFormat.PlainText)
            found.prepare(font=self._font(base, points, bold)[0])
        return found

    def _card(
        self, status: Status, size: QSize, selected: bool, hovered: bool, ratio: float
    ) -> QPixmap:
        """The empty card of a tile: white, rounded, bordered, with the status stripe."""
        key = (status, size.width(), size.height(), selected, hovered, ratio)
        found = self._cards.get(key)
        if found is not None:
            return found
        pixmap = QPixmap(round(size.width() * ratio), round(size.height() * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(WALL)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = QRectF(QRect(QPoint(0, 0), size).adjusted(3, 3, -3, -3))
        border = QColor("#1f5fbf") if selected else QColor("#9aa0a6" if hovered else "#dadce0")
        painter.setPen(QPen(border, 2 if selected else 1))
        painter.setBrush(QColor("white"))
        painter.drawRoundedRect(card, 6, 6)
        clip = QPainterPath()
        clip.addRoundedRect(card, 6, 6)
        painter.setClipPath(clip)
        painter.fillRect(QRectF(card.left(), card.top(), 6, card.height()), STATUS_ACCENT[status])
        painter.end()
        self._cards[key] = pixmap
        return pixmap

    # --- department header ----------------------------------------------------------------
    def _paint_header(
        self, painter: QPainter, rect: QRect, section: DepartmentSection, base: str
    ) -> None:
        area = rect.adjusted(2, 8, -2, -2)
        painter.setPen(QPen(QColor("#dadce0")))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        s = section.summary
        chips = [
            (status_label(Status.ACHIEVED), s.achieved, STATUS_ACCENT[Status.ACHIEVED]),
            (status_label(Status.CAUTION), s.caution, STATUS_ACCENT[Status.CAUTION]),
            (status_label(Status.MISSED), s.missed, STATUS_ACCENT[Status.MISSED]),
            (self.tr("警告"), s.warnings, SEVERITY_COLOUR[Severity.CRITICAL]),
            (self.tr("未入力"), s.missing_kpis, QColor("#6d4c9f")),
            (self.tr("アクション"), s.open_actions, QColor("#1f5fbf")),
        ]
        chip_font, metrics = self._font(base, 9)
        x = area.right()
        painter.setFont(chip_font)
        for label, count, colour in reversed(chips):
            text = f"{label} {count}"
            width = metrics.horizontalAdvance(text) + 14
            box = QRect(x - width, area.top() + 2, width, 20)
            faded = QColor(colour) if count else QColor("#c4c7cc")
            painter.setPen(QPen(faded))
            painter.setBrush(QColor(faded.red(), faded.green(), faded.blue(), 28))
            painter.drawRoundedRect(box, 9, 9)
            painter.drawText(box, CENTRE, text)
            x -= width + 6
        name_font, name_metrics = self._font(base, 12, bold=True)
        painter.setFont(name_font)
        painter.setPen(INK)
        name_rect = QRect(area.left() + 4, area.top(), x - area.left() - 8, 24)
        painter.drawText(
            name_rect,
            LEFT,
            name_metrics.elidedText(
                section.department.name, Qt.TextElideMode.ElideRight, name_rect.width()
            ),
        )
        mission_font, mission_metrics = self._font(base, 9)
        painter.setFont(mission_font)
        painter.setPen(GREY)
        mission_rect = QRect(area.left() + 4, area.top() + 24, area.width() - 8, 20)
        mission = section.department.mission or self.tr("（ミッション未設定）")
        painter.drawText(
            mission_rect,
            LEFT,
            mission_metrics.elidedText(
                self.tr("ミッション：{0}").format(mission),
                Qt.TextElideMode.ElideRight,
                mission_rect.width(),
            ),
        )

    # --- KPI tile (on its card) -----------------------------------------------------------
    def _paint_tile(self, painter: QPainter, rect: QRect, tile: KpiTile, base: str) -> None:
        card = QRectF(rect.adjusted(3, 3, -3, -3))
        accent = STATUS_ACCENT[tile.status]
        kpi = tile.kpi
        left = card.left() + 14
        width = card.width() - 22

        # name, status chip and owner
        name_font, name_metrics = self._font(base, 9.5, bold=True)
        chip_font, chip_metrics = self._font(base, 8.5, bold=True)
        status = status_label(tile.status)
        chip_width = chip_metrics.horizontalAdvance(status) + 16
        name_rect = QRectF(left, card.top() + 6, width - chip_width - 8, 18)
        painter.setFont(name_font)
        painter.setPen(INK)
        painter.drawText(
            name_rect,
            LEFT,
            name_metrics.elidedText(kpi.name, Qt.TextElideMode.ElideRight, int(name_rect.width())),
        )
        chip = QRectF(card.right() - 8 - chip_width, card.top() + 7, chip_width, 18)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(STATUS_BACKGROUND[tile.status])
        painter.drawRoundedRect(chip, 8, 8)
        painter.setPen(accent.darker(130))
        painter.setFont(chip_font)
        self._draw_centred(painter, chip, self._label(status, base, 8.5, bold=True))
        small, _ = self._font(base, 8)
        painter.setFont(small)
        painter.setPen(GREY)
        owner = tile.owner_name or self.tr("未設定")  # 「担当 未設定」, not 「担当 担当者なし」
        latest = "" if tile.latest_month is None else short_month(tile.latest_month)
        painter.drawText(
            QRectF(left, card.top() + 24, width, 14),
            LEFT,
            self.tr("担当 {0}　{1}").format(owner, latest).strip(),
        )

        # latest value and YTD achievement
        value_font, _ = self._font(base, 15, bold=True)
        painter.setFont(value_font)
        painter.setPen(INK)
        painter.drawText(
            QRectF(left, card.top() + 38, width * 0.58, 26),
            LEFT,
            value_text(kpi, tile.latest_value),
        )
        caption = self._label(self.tr("年度累計の達成率"), base, 8)
        caption_size = caption.size()
        painter.setFont(small)  # static text is drawn in the painter's font
        painter.setPen(GREY)
        painter.drawStaticText(
            QPointF(
                left + width - caption_size.width(),
                card.top() + 38 + (12 - caption_size.height()) / 2,
            ),
            caption,
        )
        painter.setFont(self._font(base, 12, bold=True)[0])
        painter.setPen(accent.darker(120))
        painter.drawText(
            QRectF(left + width * 0.58, card.top() + 50, width * 0.42, 16),
            RIGHT,
            percent(tile.ytd_achievement),
        )

        # sparkline: actual against target over the fiscal year
        spark = QRectF(left, card.top() + 70, width, 34)
        values = [v for v in tile.actuals + tile.targets if v is not None]
        if values:
            self._paint_sparkline(painter, spark, tile, min(values), max(values))
        else:
            painter.setFont(small)
            painter.setPen(QColor("#9aa0a6"))
            painter.drawText(spark, CENTRE, self.tr("今年度の実績はまだありません"))

        # forecast, warnings, missing
        bottom = QRectF(left, card.bottom() - 26, width, 20)
        painter.setFont(self._font(base, 8.5)[0])
        painter.setPen(QColor("#3c4043"))
        forecast = tile.forecast
        if forecast.is_estimate:
            text = self.tr("年度末予測 {0}").format(percent(forecast.achievement))
        elif forecast.method is Method.ACTUAL:
            text = self.tr("年度実績 {0}").format(percent(forecast.achievement))
        else:
            text = self.tr("予測なし")
        badges = []
        if tile.warnings:
            worst = max(tile.warnings, key=lambda w: w.severity is Severity.CRITICAL).severity
            badges.append((self.tr("⚠ 警告{0}").format(len(tile.warnings)), SEVERITY_COLOUR[worst]))
        if tile.missing:
            badges.append((self.tr("未入力{0}").format(len(tile.missing)), QColor("#6d4c9f")))
        badge_font, metrics = self._font(base, 8, bold=True)
        used = sum(metrics.horizontalAdvance(label) + 14 for label, _ in badges)
        room = max(0.0, bottom.width() - used)  # the forecast stops short of the badges
        if forecast.is_estimate and painter.fontMetrics().horizontalAdvance(text) > room:
            text = self.tr("予測 {0}").format(percent(forecast.achievement))  # beside 2 badges
        shown = painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, int(room))
        painter.drawText(QRectF(bottom.left(), bottom.top(), room, bottom.height()), LEFT, shown)
        x = bottom.right()
        for label, colour in reversed(badges):
            w = metrics.horizontalAdvance(label) + 10
            box = QRectF(x - w, bottom.top() + 1, w, 18)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(box, 8, 8)
            painter.setPen(QColor("white"))
            painter.setFont(badge_font)
            self._draw_centred(painter, box, self._label(label, base, 8, bold=True))
            x -= w + 4

    @staticmethod
    def _draw_centred(painter: QPainter, box: QRectF, label: QStaticText) -> None:
        """``label`` centred in ``box`` (static text is drawn in the painter's font)."""
        size = label.size()
        painter.drawStaticText(
            QPointF(
                box.left() + (box.width() - size.width()) / 2,
                box.top() + (box.height() - size.height()) / 2,
            ),
            label,
        )

    @staticmethod
    def _paint_sparkline(
        painter: QPainter, spark: QRectF, tile: KpiTile, low: float, high: float
    ) -> None:
        pad = (high - low) * 0.1 or abs(high) * 0.1 or 1.0
        low, high = low - pad, high + pad
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(TARGET_LINE, 1.2, Qt.PenStyle.DashLine))
        targets = tile.targets
        if None not in targets and min(targets) == max(targets):  # type: ignore[type-var]
            # a flat target (the usual case): one straight dashed line, which needs no smoothing
            level: float = targets[0]  # type: ignore[assignment]
            y = round(spark.bottom() - spark.height() * (level - low) / (high - low))
            n = len(targets)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.drawLine(
                QPointF(spark.left() + spark.width() * 0.5 / n, y),
                QPointF(spark.left() + spark.width() * (n - 0.5) / n, y),
            )
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        else:
            painter.drawPath(sparkline_path(targets, spark, low, high))
        painter.setPen(QPen(ACTUAL_LINE, 1.8))
        painter.drawPath(sparkline_path(tile.actuals, spark, low, high))
        last = max((i for i, v in enumerate(tile.actuals) if v is not None), default=None)
        if last is not None:
            value = tile.actuals[last]
            assert value is not None
            x = spark.left() + spark.width() * (last + 0.5) / len(tile.actuals)
            y = spark.bottom() - spark.height() * (value - low) / ((high - low) or 1.0)
            painter.setBrush(ACTUAL_LINE)
            painter.drawEllipse(QPointF(x, y), 2.6, 2.6)


class TileWall(QListView):
    """The list view of tiles; ``kpiActivated`` when a tile is clicked or activated."""

    kpiActivated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tile_model = TileModel(self)
        self.setModel(self.tile_model)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(False)
        self.setSpacing(4)
        self.setMouseTracking(True)
        self.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.setStyleSheet(f"QListView {{ background: {WALL.name()}; border: none; }}")
        self.setItemDelegate(TileDelegate(self, self.tile_model))
        self.clicked.connect(self._on_activated)
        self.activated.connect(self._on_activated)

    def dataChanged(  # noqa: N802 (Qt)
        self, top_left: QModelIndex, bottom_right: QModelIndex, roles: object = ()
    ) -> None:
        """Repaint what changed without measuring the items again: a tile's size never depends on
        what it shows (headers follow the width, see resizeEvent), and measuring hundreds of items
        after every refresh would cost more than painting the few that are visible."""
        QAbstractItemView.dataChanged(self, top_left, bottom_right, roles or [])

    def _on_activated(self, index: QModelIndex) -> None:
        tile = self.tile_model.tile_at(index.row())
        if tile is not None:
            self.kpiActivated.emit(tile.kpi.id)

    def resizeEvent(self, event) -> None:  # noqa: ANN001
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()  # headers follow the width
