"""The matrix unrolled into cells: one per route, object and role, each with its test id."""

from dataclasses import dataclass

from .discovery import ANY
from .table import Entry, Probe
from .world import ROLE_NAMES

#: A route is probed with GET when it serves GET, else with the first method it serves.
PROBE_ORDER = ("GET", "POST", "PUT", "PATCH", "DELETE")


def probe_method(entry: Entry) -> str:
    methods = entry.methods.split()
    if ANY in methods or "GET" in methods:
        return "GET"
    return next(method for method in PROBE_ORDER if method in methods)


def display(entry: Entry, probe: Probe, labels: dict[str, str]) -> str:
    path = entry.path
    for name, value in {**entry.constants, **labels}.items():
        path = path.replace(f"<{name}>", value)
    return path + (f"?{probe.query}" if probe.query else "")


@dataclass(frozen=True)
class Cell:
    entry: Entry
    probe: Probe
    role: str
    method: str  # the probe's method, or "UNSAFE" for the unsafe methods' sweep
    shown: str  # the path as a test id shows it

    @property
    def id(self) -> str:
        methods = "POST|PUT|PATCH|DELETE" if self.method == "UNSAFE" else self.method
        return f"{methods} {self.shown} as {self.role}"

    @property
    def expected(self) -> str:
        return self.probe.expected(self.role)


def cells(entries, labels_of) -> tuple[list[Cell], list[Cell]]:
    """(the probes' cells, the unsafe methods' cells) of ``entries``; ``labels_of(target)``
    gives how a target's parameters are shown."""
    probes, unsafe = [], []
    for entry in entries:
        method = probe_method(entry)
        for row in entry.probes:
            shown = display(entry, row, labels_of(row.target) if row.target else {})
            for role in ROLE_NAMES:
                probes.append(Cell(entry, row, role, method, shown))
                unsafe.append(Cell(entry, row, role, "UNSAFE", shown))
    return probes, unsafe


#: The pages the admin site gives every model it registers, after /admin/<app>/<model>/.
ADMIN_PAGES = (
    "",
    "add/",
    "<object_id>/history/",
    "<object_id>/delete/",
    "<object_id>/change/",
    "<object_id>/",
)
#: The admin's pages are asked about an object that does not exist: what matters is who is
#: let in, and an administrator let in about a missing object is sent back to the index.
MISSING_OBJECT = "0"


@dataclass(frozen=True)
class AdminCell(Cell):
    admin_pages: tuple[tuple[str, str], ...] = ()


def admin_cells(models: dict[str, str]) -> tuple[list[AdminCell], list[AdminCell]]:
    """One cell per registered model and role (its six pages in one), for the probes and for
    the unsafe methods."""
    probes, unsafe = [], []
    for model, administrator in models.items():
        entry = Entry(f"/admin/{model}/", ANY, (Probe(None, ("LOG",) * len(ROLE_NAMES)),))
        for role in ROLE_NAMES:
            if role == "administrator":
                expected = tuple(administrator.split())
            else:
                expected = ("LOG",) * len(ADMIN_PAGES)
            pages = tuple(
                (f"/admin/{model}/{page}".replace("<object_id>", MISSING_OBJECT), answer)
                for page, answer in zip(ADMIN_PAGES, expected, strict=True)
            )
            shown = f"/admin/{model}/*"
            probes.append(AdminCell(entry, entry.probes[0], role, "GET", shown, pages))
            unsafe.append(AdminCell(entry, entry.probes[0], role, "UNSAFE", shown, pages))
    return probes, unsafe
