"""The shapes the matrix is written in (``matrix.py`` holds the matrix itself)."""

from collections.abc import Mapping
from dataclasses import dataclass, field

from .world import ROLE_NAMES

#: The codes a cell may expect. A status code, or LOG: redirected to a sign-in page.
CODES = frozenset({"200", "201", "302", "400", "401", "403", "404", "405", "429", "LOG"})


@dataclass(frozen=True)
class Probe:
    """One row of the matrix: a route asked about ``target`` (an object of the world, or
    ``None``), and what each role must get, in ``world.ROLES`` order."""

    target: str | None
    expect: tuple[str, ...]
    query: str = ""  # "{reference}", "{customer}", "{first}", "{last}" are filled in
    htmx: bool = False  # asked for by htmx (the pages' partial updates)
    #: Roles that may act through this row's unsafe methods, when the answers to the probe do
    #: not say it (a POST-only route, or a page some may read but not act from).
    act: frozenset[str] | None = None
    #: Objects whose reference the answer shows whoever asks: the secret in the address is
    #: the proof (a satisfaction link is the customer's).
    shows: tuple[str, ...] = ()

    def expected(self, role: str) -> str:
        return self.expect[ROLE_NAMES.index(role)]


@dataclass(frozen=True)
class Entry:
    """A route of the URL configuration, the methods it serves (``ANY``: a view that does
    not restrict them), and the rows that ask it about each object."""

    path: str
    methods: str
    probes: tuple[Probe, ...]
    #: Values of the route's parameters that are not objects (a file format, a step).
    constants: Mapping[str, str] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.methods} {self.path}"


def probe(
    target: str | None,
    codes: str,
    *,
    query: str = "",
    htmx: bool = False,
    act: tuple[str, ...] | None = None,
    shows: tuple[str, ...] = (),
) -> Probe:
    expect = tuple(codes.split())
    assert len(expect) == len(ROLE_NAMES), f"{target}: {len(expect)} codes, not one per role"
    unknown = set(expect) - CODES
    assert not unknown, f"{target}: unknown codes {unknown}"
    return Probe(
        target,
        expect,
        query=query,
        htmx=htmx,
        act=None if act is None else frozenset(act),
        shows=shows,
    )


def route(path: str, methods: str, *probes: Probe, **constants: str) -> Entry:
    return Entry(path, " ".join(sorted(methods.split())), probes, constants)
