"""Phrasing of typed errors for the user (domain/ raises codes; the words live here)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from domain.errors import (
    DatabaseCorrupt,
    DatabaseInUse,
    DatabaseLocked,
    DatabaseNotSqlite,
    DatabaseOpenError,
    DatabaseReadOnly,
    DatabaseTooNew,
    DatabaseUnreachable,
    DuplicateEmployeeNo,
    KpiHasHistory,
    MierukaError,
    StorageFull,
)


def error_text(exc: BaseException) -> str:
    """A clear, translated sentence that says what is wrong and where."""
    if isinstance(exc, DatabaseNotSqlite):
        return QCoreApplication.translate(
            "Messages", "「{0}」はMierukaのデータベースではありません。ファイルは変更していません。"
        ).format(exc.location)
    if isinstance(exc, DatabaseTooNew):
        return QCoreApplication.translate(
            "Messages",
            "「{0}」は新しいバージョンのMierukaで作成されています。アプリを更新してから開いてください。ファイルは変更していません。",
        ).format(exc.location)
    if isinstance(exc, DatabaseReadOnly):
        return QCoreApplication.translate(
            "Messages",
            "「{0}」に書き込めません（読み取り専用か、フォルダーに書き込み権限がありません）。ファイルは変更していません。",
        ).format(exc.location)
    if isinstance(exc, DatabaseLocked):
        return QCoreApplication.translate(
            "Messages",
            "「{0}」は他のプログラムが使用中です。しばらく待ってからもう一度お試しください。保存されていない変更はありません。",
        ).format(exc.location)
    if isinstance(exc, DatabaseInUse):
        return QCoreApplication.translate(
            "Messages",
            "「{0}」は別のMieruka（{1}）で開かれています。二人が同時に書き込むとデータが失われるため、開けません。相手が閉じてからもう一度お試しください。",
        ).format(exc.location, exc.detail or "?")
    if isinstance(exc, DatabaseCorrupt):
        return QCoreApplication.translate(
            "Messages", "「{0}」は壊れています（{1}）。バックアップからの復元をお試しください。"
        ).format(exc.location, exc.detail)
    if isinstance(exc, DatabaseUnreachable):
        return QCoreApplication.translate(
            "Messages", "データベース「{0}」に接続できません（{1}）。"
        ).format(exc.location, exc.detail)
    if isinstance(exc, DatabaseOpenError):
        return QCoreApplication.translate("Messages", "データベース「{0}」を開けません。").format(
            exc.location
        )
    if isinstance(exc, StorageFull):
        return QCoreApplication.translate(
            "Messages",
            "「{0}」に書き込めませんでした（ディスクの空き容量不足、または書き込みエラー）。空きを作ってからもう一度お試しください。保存済みのデータは失われていません。",
        ).format(exc.location)
    if isinstance(exc, DuplicateEmployeeNo):
        return QCoreApplication.translate(
            "Messages", "社員番号「{0}」は既に使われています。"
        ).format(exc.employee_no)
    if isinstance(exc, KpiHasHistory):
        return QCoreApplication.translate("Messages", "このKPIには{0}件の実績があります。").format(
            exc.value_count
        )
    if isinstance(exc, MierukaError):
        return QCoreApplication.translate("Messages", "操作を完了できませんでした（{0}）。").format(
            type(exc).__name__
        )
    return str(exc)
