"""The eight ways a contact reaches the council, and what each channel records about it."""
