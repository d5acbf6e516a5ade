"""Reads of the retention schedule, legal holds and the officer's overview, one module per
concern (a package apart from the subject access reads, ``dataprotection/selectors.py``)."""
