"""Pieces every app shares: the base model, the job seam, API plumbing."""
