"""Layout of the KPI dialog (no behaviour: ui/kpi_dialog.py wires it) and the words for the
KPI check codes of domain.kpi_checks."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from domain.fiscal import YearMonth
from domain.kpi_checks import MAX_DECIMALS, KpiErrorCode, KpiWarning, KpiWarningCode
from domain.model import LEVEL_COUNT, Aggregation, Direction, KpiKind

INVALID_STYLE = "QLineEdit, QPlainTextEdit { background: #ffe0e0; border: 1px solid #d33; }"
WARNING_STYLE = (
    "QFrame#warnings { background: #fff6d5; border: 1px solid #e0c060; border-radius: 4px; }"
)
MISSION_STYLE = (
    "QLabel#mission { background: #eef4fb; border: 1px solid #c8d8ec; border-radius: 4px;"
    " padding: 6px; }"
)


def warning_text(warning: KpiWarning) -> str:
    """A SMART hint of domain.kpi_checks in words."""
    code = warning.code
    if code is KpiWarningCode.TOO_MANY_KPIS:
        return QCoreApplication.translate(
            "KpiDialog", "この部門の有効なKPIが{0}件を超えています（少数精鋭を推奨）"
        ).format(warning.limit)
    if code is KpiWarningCode.QUALITATIVE_WITHOUT_LEVELS:
        return QCoreApplication.translate(
            "KpiDialog",
            "定性KPIのレベルの説明が揃っていません（{0}/{1}）。評価がぶれないよう、各レベルの状態を書きましょう",
        ).format(warning.count, warning.limit)
    texts = {
        KpiWarningCode.NO_TARGET: QCoreApplication.translate(
            "KpiDialog", "目標値が設定されていないため、達成を測れません"
        ),
        KpiWarningCode.NO_UNIT: QCoreApplication.translate(
            "KpiDialog", "単位が設定されていません（例: 件、%、日、円）"
        ),
        KpiWarningCode.NO_PERIOD: QCoreApplication.translate(
            "KpiDialog", "期限（いつまでに）が設定されていません"
        ),
        KpiWarningCode.BASELINE_EQUALS_TARGET: QCoreApplication.translate(
            "KpiDialog", "基準値と年間目標が同じため、達成率を計算できません"
        ),
        KpiWarningCode.BASELINE_WRONG_SIDE: QCoreApplication.translate(
            "KpiDialog",
            "基準値が年間目標よりすでに良い値です。方向（大きいほど良い／小さいほど良い）を確認してください",
        ),
    }
    return texts.get(code, str(code))


def error_text(code: KpiErrorCode | str) -> str:
    """Why a KPI cannot be saved, in words (``code`` may be the plain string value)."""
    texts: dict[str, str] = {
        KpiErrorCode.EMPTY_NAME: QCoreApplication.translate(
            "KpiDialog", "指標名を入力してください"
        ),
        KpiErrorCode.EMPTY_RATIONALE: QCoreApplication.translate(
            "KpiDialog", "「このKPIがミッションにどう効くか」を書いてください"
        ),
        KpiErrorCode.RANGE_INVERTED: QCoreApplication.translate(
            "KpiDialog", "下限が上限より大きくなっています"
        ),
        KpiErrorCode.BAD_DECIMALS: QCoreApplication.translate(
            "KpiDialog", "小数点以下桁数は0〜{0}にしてください"
        ).format(MAX_DECIMALS),
        KpiErrorCode.DUPLICATE_NAME: QCoreApplication.translate(
            "KpiDialog", "この部門には同じ名前のKPIがあります。別の名前にしてください"
        ),
    }
    return texts.get(
        str(code), QCoreApplication.translate("KpiDialog", "保存できません（{0}）").format(code)
    )


def month_label(month: YearMonth) -> str:
    """「2026年3月」."""
    return QCoreApplication.translate("KpiDialog", "{0}年{1}月").format(month.year, month.month)


class MonthGrid(QWidget):
    """Twelve fiscal months side by side: 計測する (checkbox) and 月次目標 (edit) per month."""

    def __init__(self, months: Sequence[YearMonth], parent: QWidget | None = None):
        super().__init__(parent)
        self.months = tuple(months)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(4)
        grid.addWidget(QLabel(self.tr("計測する月")), 1, 0)
        grid.addWidget(QLabel(self.tr("月次目標")), 2, 0)
        self.active_checks: list[QCheckBox] = []
        self.target_edits: list[QLineEdit] = []
        for column, month in enumerate(self.months, start=1):
            label = QLabel(self.tr("{0}月").format(month.month))
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            check = QCheckBox()
            check.setToolTip(self.tr("{0}に値を入力する").format(month_label(month)))
            edit = QLineEdit()
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.setMinimumWidth(58)
            edit.setAccessibleName(self.tr("{0}の月次目標").format(month_label(month)))
            grid.addWidget(label, 0, column)
            grid.addWidget(check, 1, column, Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(edit, 2, column)
            self.active_checks.append(check)
            self.target_edits.append(edit)


class KpiFormView(QWidget):
    """All widgets of the KPI dialog, laid out; the dialog reads and writes them."""

    def __init__(
        self, months: Sequence[YearMonth], fiscal_year: int, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self._build_basic()
        self._build_targets(months, fiscal_year)
        self._build_levels()
        self._build_rationale()
        self._build_footer()

        columns = QHBoxLayout()
        columns.addLayout(self.left_form, 1)
        columns.addSpacing(16)
        columns.addLayout(self.right_form, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.targets_group)
        layout.addWidget(self.levels_group)
        layout.addWidget(self.rationale_group, 1)
        # warnings_frame, errors_label and footer are placed by the dialog below its scroll
        # area: on a small screen the form scrolls, and OK and the reason it is greyed stay seen

    def _build_basic(self) -> None:
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("例: 問い合わせの平均回答日数"))
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("定量"), KpiKind.QUANTITATIVE)
        self.kind_combo.addItem(self.tr("定性（レベル1〜5）"), KpiKind.QUALITATIVE)
        self.unit_edit = QLineEdit()
        self.unit_edit.setPlaceholderText(self.tr("例: 件、%、日、円"))
        self.direction_combo = QComboBox()
        self.direction_combo.addItem(self.tr("大きいほど良い"), Direction.HIGHER)
        self.direction_combo.addItem(self.tr("小さいほど良い"), Direction.LOWER)
        self.direction_combo.addItem(self.tr("範囲内"), Direction.RANGE)
        self.range_low_edit = QLineEdit()
        self.range_high_edit = QLineEdit()
        self.aggregation_combo = QComboBox()
        for text, value in (
            (self.tr("合計"), Aggregation.SUM),
            (self.tr("平均"), Aggregation.AVERAGE),
            (self.tr("最終値"), Aggregation.LAST),
            (self.tr("最小"), Aggregation.MIN),
            (self.tr("最大"), Aggregation.MAX),
        ):
            self.aggregation_combo.addItem(text, value)
        self.decimals_spin = QSpinBox()
        self.decimals_spin.setRange(0, MAX_DECIMALS)

        self.baseline_edit = QLineEdit()
        self.baseline_edit.setPlaceholderText(self.tr("任意（現状値・最低ライン）"))
        self.annual_target_edit = QLineEdit()
        self.annual_target_edit.setPlaceholderText(self.tr("例: 1,200"))
        self.owner_combo = QComboBox()
        self.objective_combo = QComboBox()
        self.objective_combo.setMinimumContentsLength(16)
        self.objective_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.start_edit = QLineEdit()
        self.start_edit.setPlaceholderText(self.tr("任意（例: 2025年4月、R7.4、2025/4）"))
        self.deadline_edit = QLineEdit()
        self.deadline_edit.setPlaceholderText(self.tr("例: 2026年3月、R8.3、2026/3"))

        self.left_form = QFormLayout()
        self.left_form.addRow(self.tr("指標名"), self.name_edit)
        self.left_form.addRow(self.tr("種類"), self.kind_combo)
        self.left_form.addRow(self.tr("単位"), self.unit_edit)
        self.left_form.addRow(self.tr("方向"), self.direction_combo)
        self.left_form.addRow(self.tr("下限"), self.range_low_edit)
        self.left_form.addRow(self.tr("上限"), self.range_high_edit)
        self.left_form.addRow(self.tr("集計方法"), self.aggregation_combo)
        self.left_form.addRow(self.tr("小数点以下桁数"), self.decimals_spin)

        self.right_form = QFormLayout()
        self.right_form.addRow(self.tr("基準値"), self.baseline_edit)
        self.right_form.addRow(self.tr("年間目標"), self.annual_target_edit)
        self.right_form.addRow(self.tr("担当者"), self.owner_combo)
        self.right_form.addRow(self.tr("関連する目標"), self.objective_combo)
        self.right_form.addRow(self.tr("開始月"), self.start_edit)
        self.right_form.addRow(self.tr("期限"), self.deadline_edit)

    def set_range_visible(self, visible: bool) -> None:
        self.left_form.setRowVisible(self.range_low_edit, visible)
        self.left_form.setRowVisible(self.range_high_edit, visible)

    def _build_targets(self, months: Sequence[YearMonth], fiscal_year: int) -> None:
        self.targets_group = QGroupBox(self.tr("{0}年度の月次目標と計測する月").format(fiscal_year))
        self.month_grid = MonthGrid(months)
        self.even_button = QPushButton(self.tr("均等に割り付け"))
        self.even_button.setToolTip(
            self.tr("合計のKPIは年間目標を計測する月数で割り、それ以外は毎月に年間目標を入れます")
        )
        self.clear_targets_button = QPushButton(self.tr("月次目標をクリア"))
        hint = QLabel(self.tr("空欄の月は年間目標から計算します。"))
        hint.setStyleSheet("color: palette(mid);")
        row = QHBoxLayout()
        row.addWidget(hint, 1)
        row.addWidget(self.even_button)
        row.addWidget(self.clear_targets_button)
        layout = QVBoxLayout(self.targets_group)
        layout.addWidget(self.month_grid)
        layout.addLayout(row)

    def _build_levels(self) -> None:
        self.levels_group = QGroupBox(self.tr("レベルの説明（定性）"))
        form = QFormLayout(self.levels_group)
        self.level_edits: list[QLineEdit] = []
        for level in range(1, LEVEL_COUNT + 1):
            edit = QLineEdit()
            form.addRow(self.tr("レベル{0}").format(level), edit)
            self.level_edits.append(edit)
        self.level_edits[0].setPlaceholderText(self.tr("例: 手順がなく、担当者によって対応が違う"))
        self.level_edits[-1].setPlaceholderText(
            self.tr("例: 仕組み化され、他部門の手本になっている")
        )

    def _build_rationale(self) -> None:
        self.rationale_group = QGroupBox(self.tr("このKPIがミッションにどう効くか（必須）"))
        self.mission_label = QLabel()
        self.mission_label.setObjectName("mission")
        self.mission_label.setWordWrap(True)
        self.mission_label.setStyleSheet(MISSION_STYLE)
        self.rationale_edit = QPlainTextEdit()
        self.rationale_edit.setPlaceholderText(
            self.tr(
                "例: 回答が早いほど社員が本来の業務に早く戻れ、ミッション「現場を支える」に効く"
            )
        )
        self.rationale_edit.setTabChangesFocus(True)
        self.rationale_edit.setMinimumHeight(64)
        layout = QVBoxLayout(self.rationale_group)
        layout.addWidget(self.mission_label)
        layout.addWidget(self.rationale_edit)

    def _build_footer(self) -> None:
        # parented to the form until the dialog lays them out (then to the dialog): Qt, not
        # Python, owns them either way, so nothing is deleted twice
        self.warnings_frame = QFrame(self)
        self.warnings_frame.setObjectName("warnings")
        self.warnings_frame.setStyleSheet(WARNING_STYLE)
        self.warnings_frame.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.warnings_label = QLabel()
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setTextFormat(Qt.TextFormat.PlainText)
        warnings_layout = QVBoxLayout(self.warnings_frame)
        warnings_layout.setContentsMargins(8, 6, 8, 6)
        warnings_layout.addWidget(self.warnings_label)

        self.errors_label = QLabel(self)
        self.errors_label.setWordWrap(True)
        self.errors_label.setTextFormat(Qt.TextFormat.PlainText)
        self.errors_label.setStyleSheet("color: #b00020;")

        self.library_button = QPushButton(self.tr("例から選ぶ…"), self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.footer = QHBoxLayout()
        self.footer.addWidget(self.library_button)
        self.footer.addStretch(1)
        self.footer.addWidget(self.buttons)
