"""Words for import problems and unreadable files, shared by the wizard and the command line.

This module imports no Qt, so the CLI can use it. Strings are marked with ``QT_TRANSLATE_NOOP``
(a local no-op of the same name, which lupdate recognises by name) in the context
``ImportText``; the wizard passes ``QCoreApplication.translate`` as ``translate`` and the CLI
prints the Japanese source text.
"""

from __future__ import annotations

from collections.abc import Callable

from domain.importing.errors import Unreadable, WorkbookUnreadable
from domain.importing.model import Problem, ProblemCode

Translate = Callable[[str, str], str]
CONTEXT = "ImportText"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    return text


def _same(_context: str, text: str) -> str:
    return text


PROBLEM_TEXTS: dict[ProblemCode, str] = {
    ProblemCode.NOT_A_NUMBER: QT_TRANSLATE_NOOP(
        "ImportText", "「{text}」を数値として読み取れません（例: 12、1,234、95%、１２件）。"
    ),
    ProblemCode.UNIT_MISMATCH: QT_TRANSLATE_NOOP(
        "ImportText", "「{text}」の単位がこのKPIの単位と違うため読み取りません。"
    ),
    ProblemCode.EXCEL_ERROR: QT_TRANSLATE_NOOP(
        "ImportText", "Excelのエラー値「{text}」です。値として読み取りません（0 にはしません）。"
    ),
    ProblemCode.FORMULA_NO_VALUE: QT_TRANSLATE_NOOP(
        "ImportText",
        "数式「{text}」の計算結果がファイルに保存されていません。Excelで開いて保存し直してから"
        "取り込んでください（0 としては読みません）。",
    ),
    ProblemCode.NOT_FINITE: QT_TRANSLATE_NOOP(
        "ImportText", "「{text}」は有限の数値ではありません。"
    ),
    ProblemCode.DATE_NOT_NUMBER: QT_TRANSLATE_NOOP(
        "ImportText", "日付「{text}」が入っています。数値ではないため読み取りません。"
    ),
    ProblemCode.BOOL_NOT_NUMBER: QT_TRANSLATE_NOOP(
        "ImportText", "「{text}」は数値ではないため読み取りません。"
    ),
    ProblemCode.TARGET_NOT_NUMBER: QT_TRANSLATE_NOOP(
        "ImportText", "目標「{text}」を数値として読み取れません。目標なしとして読みます。"
    ),
    ProblemCode.NO_MONTHS: QT_TRANSLATE_NOOP(
        "ImportText",
        "月の見出し（4月、2025年4月、2025/4 など）が見つからないため、このシートは取り込みません。",
    ),
    ProblemCode.FISCAL_YEAR_GUESSED: QT_TRANSLATE_NOOP(
        "ImportText",
        "年度が書かれていないため{text}年度として読みました。違う場合は年度を指定してください。",
    ),
    ProblemCode.NO_NAME: QT_TRANSLATE_NOOP(
        "ImportText", "KPI名のない行に値があります。この行は取り込みません。"
    ),
    ProblemCode.DUPLICATE_NAME: QT_TRANSLATE_NOOP(
        "ImportText",
        "「{text}」は別の行（またはシート）にもあり値が食い違うため、ここは取り込みません。",
    ),
    ProblemCode.UNIT_DIFFERS: QT_TRANSLATE_NOOP(
        "ImportText",
        "「{text}」の単位が登録済みのKPIの単位（{detail}）と違うため、このKPIは取り込みません。",
    ),
    ProblemCode.REPEATED_MONTHS: QT_TRANSLATE_NOOP(
        "ImportText",
        "この列から右の月の見出し（{text}…）は左の月の繰り返し（グラフ用の表など）のため、"
        "取り込みません。",
    ),
    ProblemCode.HIDDEN: QT_TRANSLATE_NOOP(
        "ImportText",
        "「{text}」は非表示の行（または列）にあるため、取り込む対象から外しました"
        "（取り込みウィザードのKPI一覧でチェックを入れると取り込めます）。",
    ),
}

UNREADABLE_TEXTS: dict[Unreadable, str] = {
    Unreadable.NOT_FOUND: QT_TRANSLATE_NOOP("ImportText", "「{file}」が見つかりません。"),
    Unreadable.NOT_A_SPREADSHEET: QT_TRANSLATE_NOOP(
        "ImportText", "「{file}」はExcelブック（.xlsx / .xlsm）でもCSVでもないため読み込めません。"
    ),
    Unreadable.EMPTY: QT_TRANSLATE_NOOP("ImportText", "「{file}」は空のファイルです。"),
    Unreadable.CORRUPT: QT_TRANSLATE_NOOP(
        "ImportText",
        "「{file}」{where}は壊れているか、途中までしかありません（{detail}）。"
        "Excelで開けるか確認し、保存し直してください。",
    ),
    Unreadable.ENCRYPTED: QT_TRANSLATE_NOOP(
        "ImportText",
        "「{file}」はパスワードで保護されています。Excelで開いてパスワードを解除"
        "（ファイル → 情報 → ブックの保護）して保存してから取り込んでください。",
    ),
    Unreadable.LEGACY_XLS: QT_TRANSLATE_NOOP(
        "ImportText",
        "「{file}」は古いExcel形式（.xls）です。Excelで開き「名前を付けて保存」で"
        "「Excel ブック (*.xlsx)」を選んで保存し直してから取り込んでください。",
    ),
    Unreadable.HTML_XLS: QT_TRANSLATE_NOOP(
        "ImportText",
        "「{file}」は拡張子が .xls ですが中身はHTML（Webページ）です。Excelで開き「名前を付けて"
        "保存」で「Excel ブック (*.xlsx)」を選んで保存し直してから取り込んでください。",
    ),
    Unreadable.XML_ENTITIES: QT_TRANSLATE_NOOP(
        "ImportText",
        "「{file}」には安全でないXML（DOCTYPE・エンティティ宣言）が含まれているため読み込みません"
        "（{detail}）。",
    ),
    Unreadable.TOO_LARGE: QT_TRANSLATE_NOOP(
        "ImportText",
        "「{file}」は展開すると大きすぎるため読み込みません（{detail}）。圧縮爆弾の可能性があります。",
    ),
    Unreadable.ENCODING: QT_TRANSLATE_NOOP(
        "ImportText",
        "「{file}」の文字コードを判別できません（セル {cell} 付近）。UTF-8 または Shift_JIS で"
        "保存し直してください。",
    ),
    Unreadable.SHEET_NOT_FOUND: QT_TRANSLATE_NOOP(
        "ImportText", "「{file}」にシート「{sheet}」がありません（あるシート: {detail}）。"
    ),
    Unreadable.NO_SHEETS: QT_TRANSLATE_NOOP(
        "ImportText", "「{file}」には取り込めるワークシートがありません。"
    ),
}


def problem_message(problem: Problem, translate: Translate = _same) -> str:
    template = translate(CONTEXT, PROBLEM_TEXTS[problem.code])
    return template.format(text=problem.text, detail=problem.detail)


def unreadable_message(exc: WorkbookUnreadable, translate: Translate = _same) -> str:
    template = translate(CONTEXT, UNREADABLE_TEXTS[exc.reason])
    where = ""
    if exc.sheet:
        where = translate(CONTEXT, QT_TRANSLATE_NOOP("ImportText", "のシート「{0}」")).format(
            exc.sheet
        )
    return template.format(
        file=exc.file, sheet=exc.sheet, cell=exc.cell, detail=exc.detail or "-", where=where
    )
