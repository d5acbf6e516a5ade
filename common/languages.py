"""The language switch: the same page in each of the site's languages, Welsh first."""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, QueryDict
from django.urls import translate_url
from django.utils.translation import get_language

#: Each language named in itself, as a switch must (someone who cannot read the page's language
#: still has to find their own).
ENDONYMS = {"cy": "Cymraeg", "en": "English"}


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool


def same_page_in(*, path: str, current: str, language: str) -> str:
    """``path`` (with its query string) in ``language``.

    Django's ``translate_url`` handles any page it can resolve; a page it cannot (a 404) keeps
    its address but changes the language prefix, so the "not found" page switches too. The
    page a sign-in returns to (``next``) switches with it.
    """
    if language == current:
        return path
    address, _, query = path.partition("?")
    translated = translate_url(address, language)
    prefix = f"/{current}/"
    if translated == address and address.startswith(prefix):
        translated = f"/{language}/{address.removeprefix(prefix)}"
    if not query:
        return translated
    params = QueryDict(query, mutable=True)
    next_path = params.get("next", "")
    if next_path.startswith(prefix):
        params["next"] = same_page_in(path=next_path, current=current, language=language)
    return f"{translated}?{params.urlencode(safe='/')}"


def language_links(*, request: HttpRequest) -> list[LanguageLink]:
    current = get_language()
    path = request.get_full_path()
    return [
        LanguageLink(
            code=code,
            name=ENDONYMS.get(code, code),
            url=same_page_in(path=path, current=current, language=code),
            current=code == current,
        )
        for code, _name in settings.LANGUAGES
    ]
