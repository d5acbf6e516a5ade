"""Pure-Python working calendar and deadline rules (no Django), see SPEC §3 (docs/spec.md)."""
