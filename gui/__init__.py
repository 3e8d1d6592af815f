"""The desktop app (PySide6): configures `engine.Job` values and shows engine events."""
