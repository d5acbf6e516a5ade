"""The staff pages about cases: the queues, the case summary, the navigation's counts."""
