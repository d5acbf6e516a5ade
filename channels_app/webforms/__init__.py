"""The residents' front door: the public bilingual contact forms and the case status look-up."""
