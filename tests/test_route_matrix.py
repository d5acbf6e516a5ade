"""The route-by-role matrix: every route of the URL configuration, asked by every role about
the objects whose visibility matters, answers as the policy says (docs/security.md).

``tests/route_matrix/matrix.py`` is the matrix. This module checks that it lists exactly the
routes ``config.urls`` serves, with their methods, then runs every cell: the probe's answer,
that nothing the role may not read is in what it is shown, and that the unsafe methods let
nobody act who may not, and change nothing when they refuse.
"""

import os

import pytest
from django.conf import settings
from django.db import transaction
from django.test import override_settings

from tests.route_matrix.cells import Cell, admin_cells, cells
from tests.route_matrix.discovery import ANY, UNSAFE_METHODS, discover_routes
from tests.route_matrix.harness import (
    LET_IN,
    REFUSALS,
    Caller,
    body_text,
    changed,
    fill,
    isolated,
    labels,
    params,
    writes,
)
from tests.route_matrix.known import KNOWN
from tests.route_matrix.matrix import ADMIN_MODELS, NONE, ROUTES, SEES
from tests.route_matrix.world import (
    CONFIDENTIAL_SUPPORTED,
    FRONT_LINE_SUPPORTED,
    ROLE_NAMES,
    ROLES,
    build_world,
)

pytestmark = pytest.mark.django_db

PROBES, UNSAFE = cells(ROUTES, labels)
ADMIN_PROBES, ADMIN_UNSAFE = admin_cells(ADMIN_MODELS)


def _marked(found: list[Cell]) -> list:
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
    values = params(matrix.world, cell.probe.target)
    path = path or fill(cell.entry.path, {**cell.entry.constants, **values})
    extra = {"HTTP_HX_REQUEST": "true"} if cell.probe.htmx else {}
    return isolated(
        matrix.request,
        cell.role,
        method,
        path,
        localized=matrix.localized[cell.entry.path],
        query=cell.probe.query.format(**values),
        **extra,
    )


def _gives_away(matrix: Caller, role: str, response) -> list[str]:
    """What ``response`` shows ``role`` of objects it may not read."""
    shown = [response.get("Location", "")]
    text = body_text(response)
    if text is not None:
        shown.append(text)
    found = []
    for name, secret in matrix.world.secrets.items():
        level = SEES[role].get(name, NONE)
        hidden = secret.content + (secret.existence if level == NONE else ())
        if level != "full":
            found += [f"{name}: {marker!r}" for marker in hidden if any(marker in s for s in shown)]
    return found


# --- The matrix and the URL configuration agree -----------------------------------------------


def _configured() -> dict[str, str]:
    return {route.path: route.method_list for route in discover_routes()}


def _listed() -> dict[str, str]:
    listed = {entry.path: entry.methods for entry in ROUTES}
    for model in ADMIN_MODELS:
        for path in _admin_paths(model):
            listed[path] = ANY
    return listed


def _admin_paths(model: str) -> tuple[str, ...]:
    from tests.route_matrix.cells import ADMIN_PAGES

    return tuple(f"/admin/{model}/{page}" for page in ADMIN_PAGES)


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
    ids = {cell.id for cell in PROBES + UNSAFE + ADMIN_PROBES + ADMIN_UNSAFE}
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
    if CONFIDENTIAL_SUPPORTED:
        assert world.cases["confidential"].confidential
        assert not world.cases["plain"].confidential
    if FRONT_LINE_SUPPORTED:
        assert world.users["front_line_advisor"].team.front_line
    assert set(SEES) == set(ROLE_NAMES) == {role for role, _letters in ROLES}


# --- Each cell --------------------------------------------------------------------------------


@pytest.mark.parametrize("cell", _marked(PROBES))
def test_each_role_gets_what_the_policy_says(cell, matrix):
    """The probe's answer, and nothing in it that the role may not read."""
    response, _written = _send(matrix, cell, cell.method)
    got = matrix.answer(response)
    assert got == cell.expected, f"{cell.id}: {got}, not {cell.expected}"
    if response.status_code < 400:
        assert not _gives_away(matrix, cell.role, response), _gives_away(
            matrix, cell.role, response
        )


def _may_act(cell: Cell, method: str) -> bool:
    served = cell.entry.methods.split()
    if method not in served and ANY not in served:
        return False
    if cell.probe.act is not None:
        return cell.role in cell.probe.act
    return cell.expected in LET_IN


@pytest.mark.parametrize("cell", _marked(UNSAFE))
def test_unsafe_methods_let_no_one_act_who_may_not(cell, matrix):
    """A role that may not act is refused (sent to sign in, 401, 403, 404 or 405) and nothing
    changes; a role that may act is never answered 500. PUT, PATCH and DELETE, which no page
    serves, change nothing for anyone."""
    first_row = cell.probe is cell.entry.probes[0]
    methods = UNSAFE_METHODS if first_row else ("POST",)
    problems = []
    for method in methods:
        response, written = _send(matrix, cell, method)
        got = matrix.answer(response)
        if _may_act(cell, method):
            if response.status_code >= 500 or (method != "POST" and written):
                problems.append(f"{method}: {got}, wrote {written}")
        elif got not in REFUSALS or written:
            problems.append(f"{method}: {got}, wrote {written}")
    assert not problems, f"{cell.id}: {'; '.join(problems)}"


@pytest.mark.parametrize("cell", _marked(ADMIN_PROBES))
def test_the_admin_site_lets_in_administrators_only(cell, matrix):
    problems = []
    for path, expected in cell.admin_pages:
        response, _written = _send(matrix, cell, "GET", path)
        got = matrix.answer(response)
        if got != expected:
            problems.append(f"{path}: {got}, not {expected}")
    assert not problems, problems


@pytest.mark.parametrize("cell", _marked(ADMIN_UNSAFE))
def test_the_admin_site_lets_no_one_else_act(cell, matrix):
    problems = []
    for path, _expected in cell.admin_pages:
        for method in UNSAFE_METHODS:
            response, written = _send(matrix, cell, method, path)
            got = matrix.answer(response)
            if cell.role == "administrator":
                if response.status_code >= 500:
                    problems.append(f"{method} {path}: {got}")
            elif got not in REFUSALS or written:
                problems.append(f"{method} {path}: {got}, wrote {written}")
    assert not problems, problems


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
            for cell in (c for c in PROBES if c.probe is row and c.entry is entry):
                response, _written = _send(matrix, cell, cell.method)
                codes.append(matrix.answer(response))
            print(f"    probe({row.target!r}, \"{' '.join(f'{c:>3}' for c in codes)}\"),")
    for cell in ADMIN_PROBES:
        answers = [matrix.answer(_send(matrix, cell, "GET", p)[0]) for p, _e in cell.admin_pages]
        print(cell.id, answers)
    assert changed({}, writes()) is not None
