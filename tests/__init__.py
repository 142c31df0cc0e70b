"""tasktrack test suite."""
