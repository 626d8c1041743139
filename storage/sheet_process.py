"""Parsing a big workbook's sheets in a helper process, handing each over as soon as it is read.

python-calamine holds the GIL while it parses a sheet (measured with 0.9.1: two threads parse
20 sheets no faster than one, and Python code in another thread halves its speed), so a thread
cannot parse the next sheet while the importer analyses the last one. A process can: the sheets
arrive pickled, in order, while this process works on the ones already there. Small workbooks
are read in-process (starting a process costs more than it saves).

The child imports only this module, python-calamine and the reader's XML scan; it ends when the
sheets are sent, when the pipe closes, or when the parent terminates it (Cancel).
"""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Iterator
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

Parsed = tuple[list[list[object]], tuple[tuple[int, int, int, int], ...], Any]


def _child(path: str, members: list[tuple[str, str | None]], conn: Connection) -> None:
    """Runs in the helper process: parse each sheet, send (rows, merged, specials)."""
    import python_calamine

    from storage.spreadsheet_reader import scan_member

    try:
        book = python_calamine.CalamineWorkbook.from_path(path)
        for name, member in members:
            try:
                sheet = book.get_sheet_by_name(name)
                rows = sheet.to_python(skip_empty_area=False)
                merged = tuple(
                    (r1, c1, r2, c2) for (r1, c1), (r2, c2) in (sheet.merged_cell_ranges or ())
                )
                # blank cells: the importer will ask what they hide (a formula without a value),
                # and which rows are hidden; both scanned here, from one read of the sheet
                special = scan_member(Path(path), member) if any("" in r for r in rows) else None
            except Exception as exc:  # noqa: BLE001 - a damaged sheet: the parent reports it
                conn.send_bytes(pickle.dumps(("error", name, str(exc))))
                return
            conn.send_bytes(pickle.dumps(("sheet", name, (rows, merged, special)), protocol=5))
    except (BrokenPipeError, EOFError, OSError):
        return  # the parent went away (Cancel)
    finally:
        conn.close()


class SheetProcess:
    """``for name, parsed in SheetProcess(path, members): …`` — sheets in the order asked.

    Raises :class:`SheetFailed` for a sheet calamine could not read and :class:`ProcessLost`
    when the helper died; leaving the loop early (Cancel) terminates the helper."""

    def __init__(self, path: Path, members: list[tuple[str, str | None]]) -> None:
        ctx = multiprocessing.get_context("spawn")  # the same on Windows, macOS and Linux
        self._conn, child_end = ctx.Pipe(duplex=False)
        self._process = ctx.Process(
            target=_child, args=(str(path), members, child_end), daemon=True
        )
        self._process.start()
        child_end.close()
        self._names = [name for name, _ in members]

    def __iter__(self) -> Iterator[tuple[str, Parsed]]:
        try:
            for expected in self._names:
                try:
                    kind, name, payload = pickle.loads(self._conn.recv_bytes())
                except (EOFError, OSError) as exc:
                    raise ProcessLost(expected) from exc
                if kind == "error":
                    raise SheetFailed(name, payload)
                yield name, payload
        finally:
            self.close()

    def close(self) -> None:
        self._conn.close()
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()


class SheetFailed(Exception):
    def __init__(self, sheet: str, detail: str) -> None:
        super().__init__(sheet, detail)
        self.sheet, self.detail = sheet, detail


class ProcessLost(Exception):
    """The helper process ended before sending ``sheet``."""

    def __init__(self, sheet: str) -> None:
        super().__init__(sheet)
        self.sheet = sheet
