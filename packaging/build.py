"""Build the Mieruka bundle: `uv run --group build python packaging/build.py [--zip] [--clean]`.

Runs PyInstaller on packaging/mieruka.spec (dist/Mieruka/ with the windowed `Mieruka` and the
console `mieruka-cli`), then prints the bundle's size and its size as a zip (deflate level 9, the
way a download would be packed). With --zip the zip is kept as
dist/Mieruka-<version>-<platform>.zip; without it the zip is only measured. On Windows, follow
with Inno Setup: `iscc packaging\\mieruka.iss`.
"""

from __future__ import annotations

import argparse
import os
import stat
import subprocess
import sys
import tempfile
import time
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "mieruka.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build"
APP = "Mieruka"


@dataclass(frozen=True)
class BuildResult:
    bundle: Path
    seconds: float
    bundle_bytes: int
    file_count: int
    zip_bytes: int
    zip_path: Path | None


def version() -> str:
    return str(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"])


def platform_tag() -> str:
    return {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)


def executables(bundle: Path) -> tuple[Path, Path]:
    """(GUI, CLI) executables inside ``bundle``."""
    suffix = ".exe" if sys.platform == "win32" else ""
    return bundle / f"{APP}{suffix}", bundle / f"mieruka-cli{suffix}"


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def zip_folder(folder: Path, target: Path) -> int:
    """Zip ``folder`` (as its own top-level folder) into ``target``; returns the zip's size.

    Symbolic links (PyInstaller links Linux/macOS libraries into _internal/) are stored as links,
    as `zip -y` does, not as second copies."""
    tmp = target.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in sorted(folder.rglob("*")):
            name = str(Path(folder.name) / path.relative_to(folder))
            if path.is_symlink():
                info = zipfile.ZipInfo(name)
                info.create_system = 3  # Unix, so the mode bits below are honoured
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
                zf.writestr(info, os.readlink(path))
            elif path.is_file():
                zf.write(path, name)
    os.replace(tmp, target)
    return target.stat().st_size


def run_pyinstaller(
    clean: bool = False, *, dist: Path = DIST, work: Path = WORK, probe: Path | None = None
) -> float:
    """PyInstaller on the spec; ``probe``: freeze that script instead of main.py (the spec then
    names the bundle MierukaProbe), for tests/benchmarks/bench_package.py."""
    args = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
    if clean:
        args.append("--clean")
    args += ["--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    env = dict(os.environ)
    if probe is not None:
        env["MIERUKA_SPEC_PROBE"] = str(probe)
    start = time.perf_counter()
    subprocess.run(args, check=True, cwd=ROOT, env=env)
    return time.perf_counter() - start


def build(*, keep_zip: bool = False, clean: bool = False) -> BuildResult:
    seconds = run_pyinstaller(clean)
    bundle = DIST / APP
    for exe in executables(bundle):
        if not exe.is_file():
            raise SystemExit(f"PyInstaller did not produce {exe}")
    size, count = folder_size(bundle)
    if keep_zip:
        zip_path: Path | None = DIST / f"{APP}-{version()}-{platform_tag()}.zip"
        zip_bytes = zip_folder(bundle, zip_path)
    else:
        zip_path = None
        with tempfile.TemporaryDirectory() as tmp:
            zip_bytes = zip_folder(bundle, Path(tmp) / "bundle.zip")
    return BuildResult(bundle, seconds, size, count, zip_bytes, zip_path)


def mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zip", action="store_true", help="keep the zip in dist/")
    parser.add_argument("--clean", action="store_true", help="clear PyInstaller's cache first")
    args = parser.parse_args(argv)
    result = build(keep_zip=args.zip, clean=args.clean)
    print(f"built {result.bundle} in {result.seconds:.1f} s (Mieruka {version()})")
    print(f"bundle: {mb(result.bundle_bytes)} in {result.file_count} files")
    print(
        f"zipped: {mb(result.zip_bytes)} (limit 80 MB)"
        + (f" -> {result.zip_path}" if result.zip_path else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
