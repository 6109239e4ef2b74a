"""Benchmarks (runnable modules, not tests): `python -m bench.reminders`."""
