"""The route-by-role matrix: every route of the URL configuration, asked by every role about
the objects whose visibility matters, answers as the policy says (docs/security.md).

``tests/route_matrix/matrix.py`` is the matrix. This module checks that it lists exactly the
routes ``config.urls`` serves, with their methods, then runs every cell: the probe's answer,
that nothing the role may not read is in what it is shown, and that the unsafe methods let
nobody act who may not, and change nothing when they refuse.
"""

import os
from collections.abc import Sequence
from urllib.parse import parse_qs

import pytest
from django.conf import settings
from django.db import transaction
from django.test import override_settings

from tests.route_matrix.cells import ADMIN_PAGES, Cell, admin_cells, cells
from tests.route_matrix.discovery import discover_routes
from tests.route_matrix.harness import (
    CUSTOMERS,
    REFUSALS,
    Caller,
    body_text,
    changed,
    fill,
    labels,
    writes,
)
from tests.route_matrix.known import KNOWN
from tests.route_matrix.matrix import ADMIN_MODELS, FULL, NONE, ROUTES, SEES
from tests.route_matrix.world import ROLE_NAMES, ROLES, build_world

pytestmark = pytest.mark.django_db

CELLS = cells(ROUTES, labels)
ADMIN_CELLS = admin_cells(ADMIN_MODELS)


def _marked(found: Sequence[Cell]) -> list:
    return [
        pytest.param(
            cell,
            id=cell.id,
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN[cell.id])]
            if cell.id in KNOWN
            else [],
        )
        for cell in found
    ]


@pytest.fixture(autouse=True)
def fresh_case_rules():
    """The world is built once, so the cached standards stay right for the whole module (the
    root conftest's version empties the cache before each test, which would make every cell
    rebuild it)."""
    yield


@pytest.fixture(autouse=True)
def texts_to_files():
    """Set for the whole module by ``matrix`` rather than for each of its cells."""
    yield


@pytest.fixture
def _django_db_helper(matrix):
    """Each cell in a savepoint of the module's transaction. This replaces pytest-django's
    own helper for this module only: it sets up a TestCase for every test, five round trips
    to the database, more than most cells' request costs (were it renamed, its helper would
    run inside the module's transaction instead, just slower)."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world, built once inside a transaction that each cell's own nests in and that is
    rolled back at the end, with a client per role signed in once."""
    texts = {**settings.CYSWLLT, "SMS_BACKEND": "messaging.backends.sms.FileSmsBackend"}
    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=tmp_path_factory.mktemp("media"),
            SMS_FILE_PATH=tmp_path_factory.mktemp("sms"),
            CYSWLLT=texts,
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            # A session in its cookie: a query less on every request (who may do what does
            # not depend on where the session is kept).
            SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies",
        ),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield Caller(build_world())
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _send(matrix: Caller, cell: Cell, method: str, path: str | None = None):
    values = matrix.params(cell.probe.target)
    return matrix.request(
        cell.role,
        method,
        path or fill(cell.entry.path, {**cell.entry.constants, **values}),
        localized=matrix.localized[cell.entry.path],
        query=cell.probe.query.format(**values),
        **({"HTTP_HX_REQUEST": "true"} if cell.probe.htmx else {}),
    )


def _gives_away(matrix: Caller, cell: Cell, response) -> list[str]:
    """What ``response`` shows the cell's role of objects it may not read. What the role
    asked for (the address's query) is taken out first: a search page repeats its words."""
    asked = parse_qs(cell.probe.query.format(**matrix.params(cell.probe.target)))
    shown = [response.get("Location", "").split("?")[0], body_text(response) or ""]
    for words in asked.values():
        shown = [text.replace(words[0], "") for text in shown]
    # A customer record's page shows its person to whoever may open it, whatever their cases.
    person = CUSTOMERS.get(cell.probe.target or "")
    allowed = {matrix.world.secrets[person].person} if person else set()
    found = []
    for name, secret in matrix.world.secrets.items():
        level = SEES[cell.role].get(name, NONE)
        if level == FULL:
            continue
        hidden = secret.content
        if level == NONE and name not in cell.probe.shows:
            hidden += secret.existence
        found += [
            f"{name}: {marker!r}"
            for marker in hidden
            if marker not in allowed and any(marker in t for t in shown)
        ]
    return found


# --- The matrix and the URL configuration agree -----------------------------------------------


def _configured() -> dict[str, str]:
    return {route.path: route.method_list for route in discover_routes()}


def _listed() -> dict[str, str]:
    listed = {entry.path: entry.methods for entry in ROUTES}
    for model in ADMIN_MODELS:
        listed.update(_admin_paths(model))
    return listed


def _admin_paths(model: str) -> dict[str, str]:
    return {f"/admin/{model}/{page}": methods for page, methods in ADMIN_PAGES}


def test_the_matrix_lists_every_route_the_url_configuration_serves():
    """A route nobody put in the matrix fails here, by name: add its row (docs/security.md)."""
    configured, listed = _configured(), _listed()
    missing = {path: methods for path, methods in configured.items() if path not in listed}
    assert not missing, f"routes not in tests/route_matrix/matrix.py: {missing}"


def test_the_matrix_lists_no_route_that_is_gone():
    configured, listed = _configured(), _listed()
    gone = sorted(path for path in listed if path not in configured)
    assert not gone, f"routes in the matrix that config.urls no longer has: {gone}"


def test_the_matrix_lists_the_methods_each_route_serves():
    """A method added to a route (or a restriction removed) must be looked at in the matrix."""
    configured, listed = _configured(), _listed()
    differ = {
        path: f"config.urls {configured[path]!r}, matrix {methods!r}"
        for path, methods in listed.items()
        if path in configured and configured[path] != methods
    }
    assert not differ, differ


def test_every_known_exception_is_a_cell_of_the_matrix():
    ids = {cell.id for cell in CELLS + ADMIN_CELLS}
    stale = sorted(set(KNOWN) - ids)
    assert not stale, f"known.py lists cells that do not exist: {stale}"


# --- The world is what the matrix assumes ------------------------------------------------------


def test_the_world_is_what_the_matrix_assumes(matrix):
    world = matrix.world
    complaint = world.cases["complaint"]
    assert list(complaint.complaint.officers_complained_about.all()) == [
        world.users["manager_named_in_complaint"]
    ]
    assert world.letter.case == complaint and world.letter.state == "to_post"
    assert world.attachment.case == complaint
    assert world.cases["enquiry"].submitted_by == world.users["councillor"]
    assert world.cases["open311"].channel_details["client"] == "open311-client"
    assert world.cases["confidential"].confidential and world.cases["complaint"].confidential
    assert not any(world.cases[name].confidential for name in ("plain", "enquiry", "open311"))
    assert world.users["front_line_advisor"].on_front_line
    assert not world.users["advisor_other_service"].on_front_line
    assert set(SEES) == set(ROLE_NAMES) == {role for role, _letters in ROLES}


# --- Each cell --------------------------------------------------------------------------------


@pytest.mark.parametrize("cell", _marked(CELLS))
def test_each_role_gets_what_the_policy_says(cell, matrix):
    """The probe's answer, and nothing in it that the role may not read; then the unsafe
    methods: a role that may not act is refused (sent to sign in, 401, 403, 404 or 405) and
    nothing changes, a role that may act is never answered 500. The requests that must change
    nothing go first; a POST that may act goes last."""
    # Everything but a POST that may act must leave the database as it was.
    unchanging = [m for m in cell.unsafe if m != "POST" or not cell.may_act(m)]
    if cell.method != "GET" and not cell.may_act(cell.method):
        unchanging.append(cell.method)
    before, problems = writes() if unchanging else {}, []
    for method in unchanging:
        got = matrix.answer(_send(matrix, cell, method))
        wanted = {cell.expected} if method == cell.method else REFUSALS
        if got not in wanted and not (cell.may_act(method) and got[0] != "5"):
            problems.append(f"{method}: {got}, not {' or '.join(sorted(wanted))}")
    if unchanging and (written := changed(before, writes())):
        problems.append(f"{', '.join(unchanging)} wrote {written}")
    if cell.method not in unchanging:
        response = _send(matrix, cell, cell.method)
        got = matrix.answer(response)
        if got != cell.expected:
            problems.append(f"{cell.method}: {got}, not {cell.expected}")
        elif response.status_code < 400 and (given := _gives_away(matrix, cell, response)):
            problems.append(f"shows what the role may not read: {given}")
    if "POST" in cell.unsafe and "POST" not in unchanging:
        response = _send(matrix, cell, "POST")
        if response.status_code >= 500:
            problems.append(f"POST: {response.status_code}")
    assert not problems, f"{cell.id}: {'; '.join(problems)}"


@pytest.mark.parametrize("cell", _marked(ADMIN_CELLS))
def test_the_admin_site_lets_in_administrators_only(cell, matrix):
    """GET and POST each page of each model: everyone but administrators is sent to sign in
    and nothing changes; administrators never get a 500. (The admin refuses before it looks
    at the method, so PUT, PATCH and DELETE are sent to the site's own pages only, which are
    rows of the matrix.) An administrator's POST to a list shows it again, as the GET did."""
    problems = []
    for path, expected in cell.pages:
        got = matrix.answer(_send(matrix, cell, "GET", path))
        if got != expected:
            problems.append(f"GET {path}: {got}, not {expected}")
    administrator = cell.role == "administrator"
    before = writes()
    for path, _answer in cell.pages:
        if administrator and path.count("/") == 4:
            continue
        response = _send(matrix, cell, "POST", path)
        got = matrix.answer(response)
        if response.status_code >= 500 or not (administrator or got in REFUSALS):
            problems.append(f"POST {path}: {got}")
    if not administrator and (written := changed(before, writes())):
        problems.append(f"wrote {written}")
    assert not problems, f"{cell.id}: {problems}"


# --- Writing the matrix ----------------------------------------------------------------------


@pytest.mark.skipif(not os.environ.get("ROUTE_MATRIX_LEARN"), reason="ROUTE_MATRIX_LEARN=1")
def test_print_what_main_answers_today(matrix):
    """``ROUTE_MATRIX_LEARN=1 pytest tests/test_route_matrix.py -k today -s`` prints each row
    as main answers it now: a start for a new route's row, to be checked against the policy
    (docs/security.md), never copied blindly."""
    print("\n" + " " * 24 + "  ".join(letters for _role, letters in ROLES))
    for entry in ROUTES:
        print(f"route({entry.path!r}, {entry.methods!r}, **{dict(entry.constants)})")
        for row in entry.probes:
            codes = []
            for cell in (c for c in CELLS if c.probe is row and c.entry is entry):
                # Each in a savepoint, as the cells run: an earlier POST must not change the
                # answer (a case taken, a calendar address renewed).
                with transaction.atomic():
                    codes.append(matrix.answer(_send(matrix, cell, cell.method)))
                    transaction.set_rollback(True)
            print(f'    probe({row.target!r}, "{" ".join(f"{c:>3}" for c in codes)}"),')
    for cell in ADMIN_CELLS:
        answers = [matrix.answer(_send(matrix, cell, "GET", p)) for p, _e in cell.pages]
        print(cell.id, answers)
