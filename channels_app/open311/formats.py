"""GeoReport v2's two formats. Both carry the same fields in the same order; XML names its list
and item elements (``<services><service>``, ``<service_requests><request>``)."""

import json
from collections.abc import Iterable, Mapping
from typing import Any
from xml.etree import ElementTree

from django.http import HttpResponse

from common.export_text import without_surrogates, xml_text

FORMATS = ("json", "xml")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    # A description may hold a character XML forbids (a control character pasted in): one
    # would make the whole answer not XML.
    return xml_text(str(value))


def _json_value(value: Any) -> Any:
    return without_surrogates(value) if isinstance(value, str) else value


def render(
    items: Iterable[Mapping[str, Any]], *, fmt: str, root: str, item: str, status: int = 200
) -> HttpResponse:
    items = list(items)
    if fmt == "xml":
        element = ElementTree.Element(root)
        for entry in items:
            child = ElementTree.SubElement(element, item)
            for name, value in entry.items():
                ElementTree.SubElement(child, name).text = _text(value)
        body = ElementTree.tostring(element, encoding="utf-8", xml_declaration=True)
        return HttpResponse(body, status=status, content_type="text/xml; charset=utf-8")
    return HttpResponse(
        json.dumps(
            [{name: _json_value(value) for name, value in entry.items()} for entry in items],
            ensure_ascii=False,
        ),
        status=status,
        content_type="application/json; charset=utf-8",
    )


def render_errors(errors: Iterable[tuple[int, str]], *, fmt: str, status: int) -> HttpResponse:
    """GeoReport v2 errors: a list of ``code`` and ``description``."""
    return render(
        ({"code": code, "description": description} for code, description in errors),
        fmt=fmt,
        root="errors",
        item="error",
        status=status,
    )
