"""Searching as the search box does: the words are posted, and the results are at the address
the answer redirects to, which holds a key to them (``?s=<key>``), never the words."""

from django.test import Client


def search(client: Client, words: str, *, language: str = "en", page: str | None = None):
    """The results page for ``words`` (or the answer to the post itself when it is not a
    redirect to results: an error, or a reference's case)."""
    posted = client.post(f"/{language}/search/", {"q": words})
    if posted.status_code != 302 or "?s=" not in posted["Location"]:
        return posted
    return client.get(posted["Location"], {"page": page} if page else {})
