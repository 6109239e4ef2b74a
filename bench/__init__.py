"""Benchmarks (runnable modules, not tests): `python -m bench` (the scale benchmark) or `python -m bench.<name>`."""
