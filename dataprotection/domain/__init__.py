"""Pure rules of data protection (retention periods, what is due): no Django, no database."""
