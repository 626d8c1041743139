"""Benchmark and smoke check of the installer bundle (issue 6, item 8).

Run: `uv run --group build python tests/benchmarks/bench_package.py [--no-build] [--runs 5]`.

1. Builds the Linux bundle with packaging/build.py (PyInstaller on packaging/mieruka.spec) and
   prints its size on disk and zipped (limit: 80 MB zipped).
2. Checks that every shared object in the bundle loads (ldd), since the GUI start imports neither
   numpy nor pyqtgraph.
3. Creates a demo database with the frozen CLI (`mieruka-cli demo --db X`), which also runs the
   Alembic migrations from the bundle, checks `mieruka-cli --version`, and round-trips the file
   formats: export-xlsx, import --dry-run --json, export-pdf (with the bundled font).
4. Starts the frozen GUI offscreen on that database with MIERUKA_QUIT_AFTER_SHOW=1 (the app quits as
   soon as the main window is shown) and requires exit status 0 and no traceback. Then freezes
   package_probe.py with the same spec and runs it in Japanese and English: it imports every
   module of the app, draws a pyqtgraph chart, renders a PDF page as the 評価シート preview does
   (pdfium), loads libpq and grabs the main window (PNGs in build/probe-shots/), since the app's
   start loads none of these.
5. Start time, median of N runs, interleaved so both see the same machine load: the frozen app vs
   the same start from source, `uv run main.py --db X` (and, for reference, the venv's python
   without uv). The ratio frozen / source is printed.
Not collected by pytest: building takes about a minute.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ZIP_LIMIT = 80_000_000


def _load_build_module():
    spec = importlib.util.spec_from_file_location("mieruka_build", ROOT / "packaging" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up while building the class
    spec.loader.exec_module(module)
    return module


def _run(args: list[str], env: dict[str, str], what: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    if result.returncode != 0 or "Traceback" in result.stderr:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"FAILED: {what} exited {result.returncode}")
    return result


def check_libraries(bundle: Path) -> int:
    """Linux: every shared object in the bundle must load (ldd, with the bundle's folder first on
    the library path as the bootloader sets it). The GUI start does not import everything (numpy
    and pyqtgraph only load with a chart), so this is what catches a library broken by the build,
    e.g. one corrupted by strip. Libraries the system must provide may be "not found" here."""
    internal = bundle / "_internal"
    env = dict(os.environ, LD_LIBRARY_PATH=str(internal))
    checked, errors = 0, []
    for path in sorted(internal.rglob("*.so*")):
        if path.is_symlink() or not path.is_file() or path.read_bytes()[:4] != b"\x7fELF":
            continue
        checked += 1
        out = subprocess.run(["ldd", str(path)], env=env, capture_output=True, text=True)
        text = out.stdout + out.stderr
        if "error while loading" in text or "not a dynamic executable" in text:
            errors.append(f"{path.relative_to(bundle)}: {text.strip().splitlines()[-1]}")
    if errors:
        raise SystemExit("FAILED: libraries that do not load:\n  " + "\n  ".join(errors))
    return checked


def run_probe(build, demo: Path, pdf: Path, env: dict[str, str], shots: Path) -> None:
    """Freeze package_probe.py with the app's spec and run it (see its docstring)."""
    dist, work = ROOT / "build" / "probe-dist", ROOT / "build" / "probe"
    seconds = build.run_pyinstaller(
        dist=dist, work=work, probe=Path(__file__).with_name("package_probe.py")
    )
    shots.mkdir(parents=True, exist_ok=True)
    probe = (
        dist / "MierukaProbe" / ("MierukaProbe.exe" if sys.platform == "win32" else "MierukaProbe")
    )
    for language in ("ja", "en"):
        out = _run([str(probe), str(shots), str(demo), str(pdf), language], env, "probe")
        for line in out.stdout.splitlines():
            print(f"  probe {language}: {line}")
    print(
        f"probe bundle (built in {seconds:.0f} s): imports, chart, pdfium, libpq, main window OK; "
        f"PNGs in {shots}"
    )


def _timed(args: list[str], env: dict[str, str], what: str) -> float:
    start = time.perf_counter()
    _run(args, env, what)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="build the bundle and time its start")
    parser.add_argument("--no-build", action="store_true", help="reuse dist/Mieruka as it is")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-probe", action="store_true", help="skip the probe bundle")
    parser.add_argument(
        "--shots", type=Path, default=ROOT / "build" / "probe-shots", help="probe's PNGs go here"
    )
    args = parser.parse_args(argv)

    build = _load_build_module()
    bundle = build.DIST / build.APP
    if args.no_build:
        size, count = build.folder_size(bundle)
        with tempfile.TemporaryDirectory() as tmp:
            zip_bytes = build.zip_folder(bundle, Path(tmp) / "bundle.zip")
        print(f"bundle (not rebuilt): {bundle}")
    else:
        result = build.build()
        size, count, zip_bytes = result.bundle_bytes, result.file_count, result.zip_bytes
        print(f"build: {result.seconds:.1f} s")
    print(f"bundle size: {build.mb(size)} in {count} files")
    print(
        f"zip size:    {build.mb(zip_bytes)} (limit {build.mb(ZIP_LIMIT)}): "
        + ("OK" if zip_bytes <= ZIP_LIMIT else "OVER")
    )

    if sys.platform.startswith("linux"):
        print(f"libraries: all {check_libraries(bundle)} shared objects load")
    gui, cli = build.executables(bundle)
    uv = shutil.which("uv")
    with tempfile.TemporaryDirectory() as tmp:
        demo = Path(tmp) / "demo.sqlite3"
        env = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            MIERUKA_QUIT_AFTER_SHOW="1",
            MIERUKA_DATA_DIR=tmp,
            XDG_CONFIG_HOME=tmp,
            XDG_CACHE_HOME=tmp,
        )
        version = _run([str(cli), "--version"], env, "mieruka-cli --version").stdout.strip()
        expected = f"Mieruka {build.version()}"
        if version != expected:
            raise SystemExit(f"FAILED: mieruka-cli --version printed {version!r}, not {expected!r}")
        _run([str(cli), "demo", "--db", str(demo)], env, "mieruka-cli demo")
        print(f"frozen CLI: {version}; demo database created with the bundle's migrations")
        # The lazily imported file formats: openpyxl, calamine, reportlab + the bundled font.
        xlsx, pdf = Path(tmp) / "kpis.xlsx", Path(tmp) / "sheets.pdf"
        _run([str(cli), "export-xlsx", str(xlsx), "--db", str(demo)], env, "export-xlsx")
        dry = _run(
            [str(cli), "import", str(xlsx), "--db", str(demo), "--dry-run", "--json"],
            env,
            "import --dry-run",
        )
        _run([str(cli), "export-pdf", str(pdf), "--db", str(demo)], env, "export-pdf")
        # A password-protected PDF (reportlab's encryption).
        locked = Path(tmp) / "locked.pdf"
        _run(
            [str(cli), "export-pdf", str(locked), "--db", str(demo), "--password", "himitsu"],
            env,
            "export-pdf --password",
        )
        if '"kpis": [{' not in dry.stdout or b"IPAexGothic" not in pdf.read_bytes():
            raise SystemExit("FAILED: the frozen export/import round trip lost its content")
        if b"/Encrypt" not in locked.read_bytes():
            raise SystemExit("FAILED: the frozen export-pdf --password wrote no encrypted PDF")
        print(
            "frozen CLI: export-xlsx → import --dry-run --json → export-pdf (IPAexGothic),"
            " export-pdf --password (encrypted) OK"
        )
        _run([str(gui), "--db", str(demo)], env, "frozen GUI")  # warm-up, and the smoke check
        print("frozen GUI: opened the demo database offscreen, exit 0")
        if not args.no_probe:
            run_probe(build, demo, pdf, env, args.shots)

        frozen, source_uv, source_py = [], [], []
        for _ in range(args.runs):
            frozen.append(_timed([str(gui), "--db", str(demo)], env, "frozen GUI"))
            if uv:
                source_uv.append(
                    _timed([uv, "run", "main.py", "--db", str(demo)], env, "uv run main.py")
                )
            source_py.append(
                _timed([sys.executable, "main.py", "--db", str(demo)], env, "python main.py")
            )

    f = statistics.median(frozen)
    print(f"start to shown main window, median of {args.runs}:")
    print(f"  frozen app            {f:.2f} s")
    if source_uv:
        s = statistics.median(source_uv)
        print(f"  uv run main.py        {s:.2f} s   frozen/source = {f / s:.2f}x")
    p = statistics.median(source_py)
    print(f"  python main.py (venv) {p:.2f} s   frozen/python = {f / p:.2f}x")
    return 0 if zip_bytes <= ZIP_LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
