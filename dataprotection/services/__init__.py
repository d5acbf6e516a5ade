"""Writes of data protection: one module per concern."""
