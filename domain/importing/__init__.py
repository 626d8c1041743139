"""Importing an office's existing Excel/CSV KPI workbook, whatever its layout (pure logic).

* :mod:`cells` — a sheet as rows of values (:class:`SheetGrid`), merged ranges, lazy details.
* :mod:`vocabulary`, :mod:`month_labels` — the words and month notations of Japanese workbooks.
* :mod:`tables` — where the header and the months are (across, down, long, one month a sheet).
* :mod:`rows`, :mod:`values` — which rows are KPIs and what their cells are worth.
* :mod:`analysis`, :mod:`workbook` — a sheet / a whole workbook → KPIs and problems with cells.
* :mod:`commit` — matching with stored KPIs, old → new, committing and undoing as one step.
* :mod:`mapping` — remembered corrections per sheet shape.

Kept import-light on purpose: the main window imports :mod:`ports` at start-up.
"""
