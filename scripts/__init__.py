"""Command-line scripts: the demo, its maps and the desktop screenshot."""
