"""The container image and docker-compose.yml (issue 20, docs/adr/0038), checked without a
container engine, which this machine cannot run: the Dockerfile parsed (dockerfile-parse) and
held to our rules, docker-compose.yml validated against the Compose Specification's JSON schema
(as check-jsonschema ships it) and held to ours, and the web container's health check run
against a server standing in for gunicorn."""

import http.server
import json
import re
import runpy
import shlex
import subprocess
import threading
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
import yaml
from dockerfile_parse import DockerfileParser

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_LIST = ROOT / "scripts" / "debian-packages.txt"
SCRIPTS = ("scripts/run", "scripts/test")
#: What printed letters need in the image as in a checkout.
RUNTIME_GROUPS = {"translations", "letters"}
#: The image also carries PostgreSQL's client programs, for manage.py backup and restore.
IMAGE_GROUPS = RUNTIME_GROUPS | {"database-client"}
#: The PostgreSQL major version whose client programs each Debian release's postgresql-client
#: installs (it depends on postgresql-client-<major>), read by hand from the releases' packages.
DEBIAN_POSTGRESQL_CLIENT = {"bookworm": 15, "trixie": 17}


def listed_groups() -> dict[str, list[str]]:
    groups = {}
    for line in PACKAGE_LIST.read_text().splitlines():
        line = line.partition("#")[0].strip()
        if line:
            group, _, packages = line.partition(":")
            groups[group.strip()] = packages.split()
    return groups


def instructions(stage: str) -> list[dict]:
    """The Dockerfile's instructions in the stage named ``stage`` (``FROM … AS stage``)."""
    found, current = [], None
    for instruction in DockerfileParser(str(ROOT / "Dockerfile")).structure:
        if instruction["instruction"] == "FROM":
            current = instruction["value"].split()[-1]
        elif current == stage:
            found.append(instruction)
    assert found, f"no stage {stage} in the Dockerfile"
    return found


def stage_base(stage: str) -> str:
    for instruction in DockerfileParser(str(ROOT / "Dockerfile")).structure:
        words = instruction["value"].split()
        if instruction["instruction"] == "FROM" and words[-1] == stage:
            return words[0]
    raise AssertionError(f"no stage {stage}")


def shell_commands(run: str) -> list[list[str]]:
    """A RUN's commands, split at && and ;, each into words."""
    return [shlex.split(part) for part in re.split(r"&&|;", run) if part.strip()]


# --- one Debian package list --------------------------------------------------------------


def test_the_package_list_reader_prints_each_group():
    printed = subprocess.run(
        [ROOT / "scripts" / "debian-packages", "translations", "letters"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()

    assert printed == listed_groups()["translations"] + listed_groups()["letters"]
    assert "fonts-dejavu-core" in printed


def test_the_package_list_reader_refuses_a_group_it_does_not_have():
    unknown = subprocess.run(
        [ROOT / "scripts" / "debian-packages", "letters", "fonts"], capture_output=True, text=True
    )

    assert unknown.returncode == 1
    assert "no group fonts" in unknown.stderr


def test_the_image_installs_the_runtime_groups_from_the_list():
    app = instructions("app")
    copies = [i["value"].split() for i in app if i["instruction"] == "COPY"]
    assert ["scripts/debian-packages", "scripts/debian-packages.txt", "/tmp/debian-packages/"] in (
        copies
    )
    installs = [
        (run["value"], command)
        for run in app
        if run["instruction"] == "RUN"
        for command in shell_commands(run["value"])
        if command[:2] == ["apt-get", "install"]
    ]
    ((run, install),) = installs
    # apt-get installs the reader's output and nothing named here.
    assert [word for word in install[2:] if not word.startswith("-")] == ["$packages"]
    (reader,) = re.findall(r'packages="\$\((\S*debian-packages) ([a-z -]+)\)"', run)
    assert set(reader[1].split()) == IMAGE_GROUPS
    # Named down to the Debian release: the release decides the PostgreSQL client's version.
    assert stage_base("app") == "python:3.11-slim-bookworm"


def test_the_scripts_install_only_groups_from_the_list():
    groups = listed_groups()
    for script in SCRIPTS:
        text = (ROOT / script).read_text()
        # The one apt_install that names packages is apt_install_listed's, with the list's.
        direct = re.findall(r"^\s*(?:as_root\s+)?apt_install\s+(.*)$", text, re.MULTILINE)
        assert direct == ['"${options[@]}" $packages'], script
        assert 'packages="$(scripts/debian-packages "$@")"' in text, script
        asked = [
            word
            for line in re.findall(r"apt_install_listed\s+(.*)$", text, re.MULTILINE)
            for word in line.split()
            if not word.startswith("-")
        ]
        assert asked, script
        assert set(asked) <= groups.keys(), f"{script} asks for a group the list lacks"
        # What the image has for printed letters, a checkout has too.
        assert set(asked) >= RUNTIME_GROUPS, script
    # Each group is used by someone: the list holds nothing stale.
    used = set(
        re.findall(
            r"apt_install_listed(?:\s+-\S+)*\s+([a-z-]+)",
            "".join((ROOT / script).read_text() for script in SCRIPTS),
        )
    )
    assert used | IMAGE_GROUPS == groups.keys()
    # tests/backups runs the client programs the image carries, from the same group.
    assert "database-client" in used


# --- backups in the image ------------------------------------------------------------------


def image_groups() -> list[str]:
    """The groups of scripts/debian-packages.txt that the app stage installs."""
    runs = [i["value"] for i in instructions("app") if i["instruction"] == "RUN"]
    (groups,) = [
        found
        for run in runs
        for found in re.findall(r'packages="\$\(\S*debian-packages ([a-z -]+)\)"', run)
    ]
    return groups.split()


def backup_problem(base_image: str, packages: set[str], server_image: str) -> str | None:
    """Why ``manage.py backup`` could not run in an image built from ``base_image`` with
    ``packages`` against compose's ``server_image``, or None when it can. pg_dump refuses to
    dump a server of a later major version than its own."""
    if "postgresql-client" not in packages:
        return "the image has no PostgreSQL client programs (pg_dump, pg_restore, psql)"
    release = re.fullmatch(r"python:[\d.]+-slim-([a-z]+)", base_image)
    if not release or release.group(1) not in DEBIAN_POSTGRESQL_CLIENT:
        return f"{base_image} names no Debian release whose PostgreSQL client is known here"
    client = DEBIAN_POSTGRESQL_CLIENT[release.group(1)]
    name, _, tag = server_image.partition(":")
    server = re.match(r"\d+", tag)
    if name != "postgres" or not server:
        return f"{server_image} is not a PostgreSQL image with its major version in the tag"
    if int(server.group()) > client:
        return f"pg_dump {client} cannot dump the PostgreSQL {server.group()} of {server_image}"
    return None


def test_the_image_can_back_up_and_restore_the_compose_database(compose):
    groups = listed_groups()
    packages = {package for group in image_groups() for package in groups[group]}

    assert (
        backup_problem(stage_base("app"), packages, compose["services"]["postgres"]["image"])
        is None
    )
    # The combination the suite runs on: Debian 12's PostgreSQL 15 (scripts/test installs the
    # same group for tests/backups).
    assert compose["services"]["postgres"]["image"] == "postgres:15"


@pytest.mark.parametrize(
    ("base_image", "packages", "server_image", "problem"),
    [
        ("python:3.11-slim-bookworm", {"gettext"}, "postgres:15", "no PostgreSQL client"),
        ("python:3.11-slim-bookworm", {"postgresql-client"}, "postgres:16", "pg_dump 15 cannot"),
        ("python:3.11-slim-bookworm", {"postgresql-client"}, "postgres:17.2", "pg_dump 15 cannot"),
        ("python:3.11-slim", {"postgresql-client"}, "postgres:15", "names no Debian release"),
        ("python:3.11-slim-bullseye", {"postgresql-client"}, "postgres:13", "no Debian release"),
        ("python:3.11-slim-bookworm", {"postgresql-client"}, "postgres:latest", "major version"),
        ("python:3.11-slim-bookworm", {"postgresql-client"}, "postgres:15", None),
        ("python:3.11-slim-bookworm", {"postgresql-client"}, "postgres:14-alpine", None),
        ("python:3.11-slim-trixie", {"postgresql-client"}, "postgres:17", None),
    ],
)
def test_the_backup_check_catches_a_mistake(base_image, packages, server_image, problem):
    found = backup_problem(base_image, packages, server_image)

    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found


# --- the Dockerfile, linted ----------------------------------------------------------------


def dockerignored() -> list[str]:
    return [
        line.strip().rstrip("/")
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]


def test_every_file_the_dockerfile_copies_from_the_checkout_exists_and_is_sent():
    ignored = dockerignored()
    sources = []
    for instruction in DockerfileParser(str(ROOT / "Dockerfile")).structure:
        if instruction["instruction"] not in {"COPY", "ADD"}:
            continue
        words = instruction["value"].split()
        if any(word.startswith("--from=") for word in words):
            continue
        sources += [word for word in words[:-1] if not word.startswith("--")]
    assert "deploy/nginx.conf" in sources
    for source in sources:
        assert (ROOT / source).exists(), f"the Dockerfile copies {source}, which is not here"
        if source != ".":
            assert not any(
                source == pattern or source.startswith(pattern + "/") for pattern in ignored
            ), f"{source} is in .dockerignore: the build would not see it"


def test_the_app_image_runs_as_a_user_of_its_own_and_checks_its_health():
    app = instructions("app")
    users = [i["value"].strip() for i in app if i["instruction"] == "USER"]
    assert users and users[-1] not in {"root", "0"}
    (healthcheck,) = [i["value"] for i in app if i["instruction"] == "HEALTHCHECK"]
    command = json.loads(healthcheck.split("CMD", 1)[1])
    assert command == ["python", "scripts/web_healthcheck.py"]
    assert (ROOT / command[1]).is_file()


def test_every_base_image_names_its_version():
    for instruction in DockerfileParser(str(ROOT / "Dockerfile")).structure:
        if instruction["instruction"] == "FROM":
            image = instruction["value"].split()[0]
            assert ":" in image and not image.endswith(":latest"), image


def test_the_proxy_keeps_hashed_static_files_for_a_year_and_others_briefly():
    config = (ROOT / "deploy" / "nginx.conf").read_text()
    hashed = re.search(r'location ~ "\^/static/(.*?)" \{(.*?)\}', config, re.DOTALL)
    assert hashed, "no location for the hashed static files"
    pattern, block = hashed.groups()
    assert "immutable" in block and "max-age=31536000" in block
    # The pattern takes collectstatic's names (12 hex digits before the extension) alone.
    name = re.compile(pattern.replace("(?<file>", "(?P<file>").rstrip("$") + "$")
    assert name.fullmatch("dist/app.68ea41eb7dd6.css")
    assert name.fullmatch("admin/css/base.96c479cedf7a.css")
    assert not name.fullmatch("dist/app.css")
    assert not name.fullmatch("dist/moj-frontend.min.js")
    plain = re.search(r"location /static/ \{(.*?)\}", config, re.DOTALL)
    assert plain and "immutable" not in plain.group(1)


# --- docker-compose.yml ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def compose_schema() -> dict:
    schema = files("check_jsonschema.builtin_schemas.vendor").joinpath("compose-spec.json")
    return json.loads(schema.read_text())


def test_the_compose_file_follows_the_compose_specification(compose, compose_schema):
    jsonschema.validate(compose, compose_schema)


def test_the_compose_schema_catches_a_mistake(compose, compose_schema):
    # The check above means something: the schema is strict about a service's keys.
    broken = {
        **compose,
        "services": {
            **compose["services"],
            "web": {**compose["services"]["web"], "healthcheck": {"tset": ["CMD", "true"]}},
        },
    }

    with pytest.raises(jsonschema.ValidationError, match="tset"):
        jsonschema.validate(broken, compose_schema)


def long_running(compose: dict) -> dict[str, dict]:
    return {
        name: service
        for name, service in compose["services"].items()
        if service.get("restart") != "no"
    }


def test_every_long_running_service_checks_its_health(compose):
    services = long_running(compose)
    assert set(services) == {"postgres", "redis", "web", "worker", "beat", "proxy"}
    commands = {name: service["healthcheck"]["test"] for name, service in services.items()}
    assert commands["web"] == ["CMD", "python", "scripts/web_healthcheck.py"]
    assert commands["worker"] == ["CMD", "python", "manage.py", "liveness", "worker"]
    assert commands["beat"] == ["CMD", "python", "manage.py", "liveness", "beat"]
    assert "pg_isready" in commands["postgres"][1]
    assert commands["redis"] == ["CMD", "redis-cli", "ping"]
    assert "/proxy-healthz" in commands["proxy"][-1]
    assert "location = /proxy-healthz" in (ROOT / "deploy" / "nginx.conf").read_text()
    # The one-shot migration has none: the image's own (web's) would fail in it.
    assert compose["services"]["migrate"]["healthcheck"] == {"disable": True}


def test_each_service_waits_for_what_it_needs_to_be_healthy(compose):
    services = compose["services"]
    assert services["proxy"]["depends_on"] == {"web": {"condition": "service_healthy"}}
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"] == {
            "postgres": {"condition": "service_healthy"},
            "redis": {"condition": "service_healthy"},
            "migrate": {"condition": "service_completed_successfully"},
        }, name


REQUIRED = re.compile(r"\$\{([A-Z_]+):\?[^}]+\}")
SECRETS = ("DJANGO_SECRET_KEY", "POSTGRES_PASSWORD", "REDIS_PASSWORD")


def environments(compose: dict) -> Iterator[tuple[str, str, str]]:
    for name, service in compose["services"].items():
        for key, value in (service.get("environment") or {}).items():
            yield name, key, str(value)


def test_no_secret_is_written_in_the_compose_file(compose):
    for service, key, value in environments(compose):
        if re.search(r"PASSWORD|SECRET|TOKEN|_KEY$|AUTH", key):
            assert REQUIRED.fullmatch(value), f"{service}: {key} is written in the file"
        credentials = re.match(r"\w+://([^@/]*)@", value)
        if credentials:
            password = credentials.group(1).partition(":")[2]
            assert REQUIRED.fullmatch(password), f"{service}: {key} holds a password"
    redis = compose["services"]["redis"]["command"]
    # redis-server first: the image's entrypoint starts it as user redis only then.
    assert redis[0] == "redis-server"
    assert REQUIRED.fullmatch(redis[redis.index("--requirepass") + 1])


def test_the_files_holding_compose_s_secrets_stay_out_of_git_and_the_image():
    for ignore in (".gitignore", ".dockerignore"):
        ignored = (ROOT / ignore).read_text().splitlines()
        assert {".env", "cyswllt.env"} <= set(ignored), ignore


def test_compose_refuses_to_start_without_the_secrets_and_the_public_address(compose):
    required = {
        REQUIRED.fullmatch(value).group(1)
        for _, _, value in environments(compose)
        if REQUIRED.fullmatch(value)
    } | {name for _, _, value in environments(compose) for name in REQUIRED.findall(value)}
    assert {*SECRETS, "CYSWLLT_PUBLIC_URL"} <= required


def test_the_app_services_are_set_for_production(compose):
    for name in ("migrate", "web", "worker", "beat"):
        environment = compose["services"][name]["environment"]
        assert environment["CYSWLLT_LOG_FORMAT"] == "${CYSWLLT_LOG_FORMAT:-json}"
        assert environment["DJANGO_BEHIND_TLS_PROXY"] == "${DJANGO_BEHIND_TLS_PROXY:-true}"
        assert environment["CYSWLLT_TRUSTED_PROXIES"].startswith("${CYSWLLT_TRUSTED_PROXIES:-")
        assert environment["CYSWLLT_PUBLIC_URL"].startswith("${CYSWLLT_PUBLIC_URL:?")
    # The laptop address the message suggests is the port the proxy publishes.
    (port,) = compose["services"]["proxy"]["ports"]
    assert port == "${CYSWLLT_HTTP_PORT:-8080}:80"
    assert "http://localhost:8080 on a laptop" in environment["CYSWLLT_PUBLIC_URL"]


# --- the web container's health check ------------------------------------------------------


class StandIn(http.server.BaseHTTPRequestHandler):
    """gunicorn's stand-in: answers /healthz with ``status`` and keeps what it was asked."""

    status = 200
    asked: list[dict[str, str]] = []

    def do_GET(self) -> None:
        type(self).asked.append({"path": self.path, **dict(self.headers.items())})
        self.send_response(self.status)
        if self.status in {301, 302}:
            self.send_header("Location", "https://cyswllt.example.gov.wales/healthz")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def stand_in() -> Iterator[tuple[type[StandIn], int]]:
    handler = type("Handler", (StandIn,), {"asked": [], "status": 200})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield handler, server.server_address[1]
    server.shutdown()
    server.server_close()


def web_healthcheck(port: int, monkeypatch, public_url: str) -> int:
    """scripts/web_healthcheck.py's ``main`` (the script is no module of the project)."""
    script = runpy.run_path(str(ROOT / "scripts" / "web_healthcheck.py"))
    monkeypatch.setenv("CYSWLLT_PUBLIC_URL", public_url)
    return script["main"](port=port)


def test_the_web_health_check_asks_for_healthz_as_a_resident_would(stand_in, monkeypatch):
    handler, port = stand_in

    healthy = web_healthcheck(port, monkeypatch, "https://cyswllt.example.gov.wales")

    assert healthy == 0
    (asked,) = handler.asked
    assert asked["path"] == "/healthz"
    # Past ALLOWED_HOSTS and, behind the TLS proxy, past the redirect to https.
    assert asked["Host"] == "cyswllt.example.gov.wales"
    assert asked["X-Forwarded-Proto"] == "https"


@pytest.mark.parametrize("status", [503, 500, 400, 301])
def test_the_web_health_check_fails_unless_healthz_answers_200(stand_in, monkeypatch, status):
    handler, port = stand_in
    handler.status = status

    assert web_healthcheck(port, monkeypatch, "http://localhost:8080") == 1
    assert len(handler.asked) == 1  # a redirect is not followed


def test_the_web_health_check_fails_without_a_server(monkeypatch):
    server = http.server.HTTPServer(("127.0.0.1", 0), StandIn)
    port = server.server_address[1]
    server.server_close()  # nothing listens there now

    assert web_healthcheck(port, monkeypatch, "http://localhost:8080") == 1
