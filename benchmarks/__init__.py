"""Benchmarks: realistic ledgers at district and city scale, and a harness that times tasktrack against floors."""
