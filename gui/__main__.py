"""`python -m gui` starts the desktop app, as the `conveyor` command does."""

import sys

from gui.app import main

sys.exit(main())
