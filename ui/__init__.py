"""Front ends: the Qt desktop app and the command line (ui/cli.py, argparse only, no Qt)."""
