"""Writing an exported file safely: into a temporary file beside the target, then renamed."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_atomically(target: Path, write: Callable[[Path], None]) -> Path:
    """Write through ``write(temp_path)`` into a temporary file in the target's folder, then
    rename it over ``target``: a reader never sees half a file, and a failed or cancelled write
    leaves nothing behind (an existing file stays as it was)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(
        prefix=".~" + target.stem[:40], suffix=target.suffix + ".part", dir=target.parent
    )
    os.close(fd)
    temp = Path(temp_name)
    try:
        write(temp)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return target
