"""The matrix unrolled into cells, each a test with its own id: a probe per route, object and
role, and the unsafe methods each role must be refused (or may use) there."""

from dataclasses import dataclass

from .discovery import ANY, UNSAFE_METHODS
from .table import Entry, Probe
from .world import ROLE_NAMES

#: A route is probed with GET when it serves GET, else with the first method it serves.
PROBE_ORDER = ("GET", "POST", "PUT", "PATCH", "DELETE")
#: Answers that let a role in: it may act with the methods the route serves (unless the row
#: names who may act).
LET_IN = frozenset({"200", "201", "302", "400"})


def probe_method(entry: Entry) -> str:
    methods = entry.methods.split()
    if ANY in methods or "GET" in methods:
        return "GET"
    return next(method for method in PROBE_ORDER if method in methods)


def serves(entry: Entry, method: str) -> bool:
    methods = entry.methods.split()
    return ANY in methods or method in methods


def let_in(entry: Entry, probe: Probe, role: str) -> bool:
    if probe.act is not None:
        return role in probe.act
    return probe.expected(role) in LET_IN


def unsafe_methods(entry: Entry, probe: Probe, role: str) -> tuple[str, ...]:
    """The unsafe methods a role's cell sends: POST about every object, PUT, PATCH and DELETE
    about the route's first. A method the route does not serve is sent only to roles its
    probe lets in: the others are refused (the probe shows how) before any view looks at the
    method, and Django refuses a method a view does not declare (405)."""
    first = probe is entry.probes[0]
    return tuple(
        method
        for method in UNSAFE_METHODS
        if (method == "POST" or first) and (serves(entry, method) or let_in(entry, probe, role))
    )


def display(entry: Entry, probe: Probe, labels: dict[str, str]) -> str:
    path = entry.path
    for name, value in {**entry.constants, **labels}.items():
        path = path.replace(f"<{name}>", value)
    return path + (f"?{probe.query}" if probe.query else "")


@dataclass(frozen=True)
class Cell:
    """A route asked about one object by one role: the probe, and the unsafe methods."""

    entry: Entry
    probe: Probe
    role: str
    method: str  # the probe's
    unsafe: tuple[str, ...]  # the unsafe methods sent besides the probe
    shown: str  # the path as the test's id shows it

    @property
    def id(self) -> str:
        return f"{self.method} {self.shown} as {self.role}"

    @property
    def expected(self) -> str:
        return self.probe.expected(self.role)

    def may_act(self, method: str) -> bool:
        return serves(self.entry, method) and let_in(self.entry, self.probe, self.role)


def cells(entries, labels_of) -> list[Cell]:
    """The cells of ``entries``; ``labels_of(target)`` gives how a target's parameters read
    in a test's id."""
    found = []
    for entry in entries:
        method = probe_method(entry)
        for row in entry.probes:
            shown = display(entry, row, labels_of(row.target))
            for role in ROLE_NAMES:
                unsafe = tuple(m for m in unsafe_methods(entry, row, role) if m != method)
                found.append(Cell(entry, row, role, method, unsafe, shown))
    return found


#: The pages the admin site gives every model it registers, after /admin/<app>/<model>/, with
#: the methods each serves (the object's bare address redirects whatever the method).
ADMIN_PAGES = (
    ("", ANY),
    ("add/", ANY),
    ("<object_id>/history/", ANY),
    ("<object_id>/delete/", ANY),
    ("<object_id>/change/", ANY),
    ("<object_id>/", "DELETE GET PATCH POST PUT"),
)
#: The admin's pages are asked about an object that does not exist: what matters is who is
#: let in, and an administrator let in about a missing object is sent back to the index.
MISSING_OBJECT = "0"


@dataclass(frozen=True)
class AdminCell(Cell):
    pages: tuple[tuple[str, str], ...] = ()  # (path, what the role gets)


def admin_cells(models: dict[str, str]) -> list[AdminCell]:
    """A cell per role for every registered model's six pages (GET and POST each)."""
    entry = Entry("/admin/", ANY, (Probe(None, ("LOG",) * len(ROLE_NAMES)),))
    found = []
    for role in ROLE_NAMES:
        pages = []
        for model, administrator in models.items():
            answers = administrator.split() if role == "administrator" else ["LOG"] * 6
            pages += [
                (f"/admin/{model}/{page}".replace("<object_id>", MISSING_OBJECT), answer)
                for (page, _methods), answer in zip(ADMIN_PAGES, answers, strict=True)
            ]
        shown = f"/admin/<each of {len(models)} models' six pages>"
        found.append(AdminCell(entry, entry.probes[0], role, "GET", ("POST",), shown, tuple(pages)))
    return found
