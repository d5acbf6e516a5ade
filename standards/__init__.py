"""The council's Customer Care Standards, the working calendar and the deadline rules."""
