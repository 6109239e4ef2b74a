"""Shared helpers of the platform, one of each: exports, PDF rendering, business days, state transitions.

The bottom layer: it imports no project app, and holds no model.
"""
