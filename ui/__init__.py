"""Front ends: the Qt desktop app and the command line (ui/cli.py, argparse only, no Qt)."""

from ui.none_guard import keep_none_alive

keep_none_alive()  # before any Qt call: PySide6 6.12 on Python 3.11 under-counts None
