"""Inbound channels: one adapter module per channel turns its raw input into one normalised
message and hands it to ``contacts.services`` (``case_create`` for a new contact,
``case_add_inbound`` for a reply), once however often it is delivered."""
