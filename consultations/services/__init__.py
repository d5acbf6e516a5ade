"""Every change to a consultation, its questions, its responses and its themes (writes)."""
