"""tasktrack: a terminal task-responsibility tracker for government policy plans."""

__version__ = "0.1.0"
