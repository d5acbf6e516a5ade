"""Consultations' rules as plain Python (no Django): when a consultation is open, what makes an
answer acceptable, and the keyed digest that stands for a respondent's e-mail address."""
