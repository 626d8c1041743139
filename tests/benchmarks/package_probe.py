"""Entry script of the probe bundle that bench_package.py builds with packaging/mieruka.spec.

The app's own start loads neither pyqtgraph/numpy nor pdfium, Pillow or psycopg (they come
with a chart, the 評価シート preview, a PostgreSQL URL), so a trimmed bundle could start fine and
still fail later. Frozen with the same settings as the app, this imports every module of ui/,
domain/ and storage/, draws a pyqtgraph chart, renders a PDF page the way the preview does
(pypdfium2 → Pillow → QImage), loads libpq, makes a QPrinter, opens the main window on a
database, and saves what it drew as PNGs.

Usage (frozen): MierukaProbe OUT_DIR DATABASE PDF LANG   → exit 0 when everything worked.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def import_everything() -> int:
    count = 0
    for package in ("domain", "storage", "ui"):
        module = importlib.import_module(package)
        for info in pkgutil.walk_packages(module.__path__, package + "."):
            if ".migrations" not in info.name:
                importlib.import_module(info.name)
                count += 1
    return count


def main() -> int:
    out, database, pdf, language = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    import psycopg
    import pypdfium2
    import pyqtgraph as pg
    from PySide6.QtGui import QImage
    from PySide6.QtPrintSupport import QPrinter

    from storage.database import open_database
    from ui.app import AppController, create_application

    app = create_application(language)
    print(f"imported {import_everything()} modules of domain/, storage/, ui/")
    print(f"translators installed: {len(app._mieruka_translators)}")  # type: ignore[attr-defined]

    plot = pg.PlotWidget(title="達成率の推移")
    plot.plot([1, 2, 3, 4], [80.0, 95.5, 90.0, 104.0], pen=pg.mkPen("#1f5fbf", width=2))
    plot.resize(480, 300)
    plot.show()
    app.processEvents()
    ok = plot.grab().save(str(out / f"probe_chart_{language}.png"))

    document = pypdfium2.PdfDocument(pdf)
    page = document[0]
    image = page.render(scale=600 / page.get_width(), fill_color=(255, 255, 255, 255))
    rgb = image.to_pil().convert("RGB")
    qimage = QImage(
        rgb.tobytes("raw", "RGB"), rgb.width, rgb.height, 3 * rgb.width, QImage.Format.Format_RGB888
    )
    ok &= qimage.save(str(out / f"probe_pdf_{language}.png"))
    print(f"pdfium: {len(document)} pages; libpq {psycopg.pq.version()} ({psycopg.pq.__impl__})")
    print(f"QPrinter valid: {QPrinter().isValid()}")

    controller = AppController(
        open_database=open_database, default_target=database, demo_target=database, version="probe"
    )
    handle = controller.open_target(database)
    if handle is None:
        return 1
    window = controller.show(handle)
    window.resize(1280, 800)
    for _ in range(5):
        app.processEvents()
    ok &= window.grab().save(str(out / f"probe_main_{language}.png"))
    print("saved", sorted(p.name for p in out.glob(f"probe_*_{language}.png")))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
