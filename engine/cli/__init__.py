"""The `engine` command: the engine's headless front-end."""
