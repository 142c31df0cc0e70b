"""Entry point for ``python -m tasktrack``."""

from tasktrack.cli.main import run

if __name__ == "__main__":
    run()
