"""Pure-Python working calendar and deadline rules (no Django), see SPEC section 3."""
