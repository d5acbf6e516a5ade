"""The routing table's pure rules (no database): which request types a resident's words
point to."""
