"""The jobs sidebar and what the window uses with it: a watcher that follows a job started
elsewhere, and the window's title with the running job's progress."""

from gui.jobs.running import started_here
from gui.jobs.sidebar import JobsSidebar
from gui.jobs.title import window_title
from gui.jobs.watcher import JobWatcher

__all__ = ["JobWatcher", "JobsSidebar", "started_here", "window_title"]
