"""Customers and their cases: every contact with the council, its milestones and timeline."""
