"""The expressions search matches on, shared by the model's indexes and the search selector.

An index serves a query only when the query repeats the index's expression exactly, so both
are built here, once. No model imports: ``models.py`` uses these in its ``Meta.indexes``.
"""

from django.contrib.postgres.search import SearchVector
from django.db.models import F, Func, Value
from django.db.models.functions import Replace, Trim, Upper

#: Welsh has no PostgreSQL dictionary: 'simple' matches its words as written; 'english' stems
#: English words ("collections" finds "collection").
TEXT_CONFIGS = ("english", "simple")

#: What people type between the digits of a telephone number.
PHONE_PUNCTUATION = (" ", "-", "(", ")", "+", ".")


def case_text_vector(config: str) -> SearchVector:
    """The words of a case's summary and description."""
    return SearchVector("summary", "description", config=config)


def customer_name_vector() -> SearchVector:
    return SearchVector("name", config="simple")


def phone_digits(field: str = "phone") -> Func:
    """A telephone number without spaces, dashes, brackets, dots or plus signs. Plain
    REPLACEs rather than a regular expression, so that the embedded SQLite default runs it
    too."""
    expression: Func | F = F(field)
    for character in PHONE_PUNCTUATION:
        expression = Replace(expression, Value(character), Value(""))
    return expression


def postcode_compact(field: str = "postcode") -> Func:
    """A postcode in capitals without spaces: "sa31 1ab" and "SA311AB" are the same place."""
    return Upper(Replace(F(field), Value(" "), Value("")))


def name_upper(field: str = "name") -> Func:
    """A name in capitals without the spaces around it, as two records of one person are
    compared at one postcode (contacts/duplicates.py)."""
    return Upper(Trim(F(field)))


def email_upper(field: str = "email") -> Func:
    """An address as Django's ``iexact`` compares it on PostgreSQL."""
    return Upper(F(field))
