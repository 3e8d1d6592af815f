"""The desktop app (PySide6). Until it lands, `python -m gui` explains how to use the CLI."""
