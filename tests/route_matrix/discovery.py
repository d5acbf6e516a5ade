"""Every route the URL configuration serves, with the methods it answers, found by walking
``config.urls`` (included resolvers, DRF routers and the admin site alike).

A route is named by its pattern with each parameter written ``<name>``: the regular
expression ``^cases/(?P<reference>[A-Za-z0-9-]{1,20})/$`` and the path converter
``<int:pk>`` both read as the parameter's name. Pages under ``i18n_patterns`` are named
without their language prefix (they are requested under ``/en/``).
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern

#: Methods a route may serve that change something; OPTIONS and HEAD are left to Django.
UNSAFE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
#: Written for a function view that does not restrict its methods (no ``require_*``).
ANY = "ANY"

_CONVERTER = re.compile(r"<(?:\w+:)?(\w+)>")


@dataclass(frozen=True)
class Route:
    path: str  # "/cases/<reference>/", "/api/v1/cases/<reference>/"
    methods: frozenset[str]  # {"GET", "POST"}, or {"ANY"}
    localized: bool  # under i18n_patterns: requested as /en/<path>
    name: str | None

    @property
    def method_list(self) -> str:
        return " ".join(sorted(self.methods))


def _named_groups(regex: str) -> str:
    """``regex`` with every ``(?P<name>…)`` (nested brackets and all) written ``<name>``."""
    out, i = [], 0
    while i < len(regex):
        if regex.startswith("(?P<", i):
            name_end = regex.index(">", i)
            name = regex[i + 4 : name_end]
            depth, j = 1, name_end + 1
            while depth:
                char = regex[j]
                if char == "\\":
                    j += 2
                    continue
                if char == "[":
                    j = regex.index("]", j + 2)  # a class may start with "]"
                elif char == "(":
                    depth += 1
                elif char == ")":
                    depth -= 1
                j += 1
            out.append(f"<{name}>")
            i = j
        else:
            out.append(regex[i])
            i += 1
    return "".join(out)


def _segment(pattern: Any) -> str:
    text = str(pattern)
    if text.startswith("^"):
        text = text[1:]
    if text.endswith("$"):
        text = text[:-1]
    text = _named_groups(text)
    text = _CONVERTER.sub(r"<\1>", text)
    return text.replace("\\.", ".")


def _declared_methods(view: Callable[..., Any]) -> frozenset[str] | None:
    """What a function view's ``require_http_methods`` (or ``require_GET``, ``require_POST``,
    ``require_safe``) allows, found along its ``__wrapped__`` chain; ``None`` if nothing does."""
    function: Any = view
    while function is not None:
        code = getattr(function, "__code__", None)
        if code is not None and "request_method_list" in code.co_freevars:
            cell = function.__closure__[code.co_freevars.index("request_method_list")]
            return frozenset(method.upper() for method in cell.cell_contents) - {"HEAD"}
        function = getattr(function, "__wrapped__", None)
    return None


def _methods(callback: Callable[..., Any]) -> frozenset[str]:
    actions = getattr(callback, "actions", None)
    if actions:  # a DRF viewset: the methods its router bound (DRF adds HEAD once asked GET)
        return frozenset(method.upper() for method in actions) - {"HEAD", "OPTIONS"}
    view_class = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    if view_class is not None:  # a DRF APIView or a Django class-based view
        return frozenset(
            method.upper()
            for method in ("get", "post", "put", "patch", "delete")
            if method in view_class.http_method_names and hasattr(view_class, method)
        )
    declared = _declared_methods(callback)
    return declared if declared is not None else frozenset({ANY})


def _walk(resolver: URLResolver, prefix: str, localized: bool) -> Iterator[Route]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            is_locale = isinstance(entry.pattern, LocalePrefixPattern)
            yield from _walk(
                entry,
                prefix if is_locale else prefix + _segment(entry.pattern),
                localized or is_locale,
            )
        elif isinstance(entry, URLPattern):
            yield Route(
                path="/" + prefix + _segment(entry.pattern),
                methods=_methods(entry.callback),
                localized=localized,
                name=entry.name,
            )


def discover_routes() -> list[Route]:
    """Every route of ``config.urls``, in the order Django tries them."""
    return list(_walk(get_resolver(), "", False))
