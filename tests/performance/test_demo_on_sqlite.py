"""The zero-service first run (scripts/run) is SQLite: its evaluation pages must show
figures straight after seed_demo, in both languages. The suite runs on PostgreSQL, so the
first run is replayed in a process of its own on a fresh SQLite file."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

PROBE = Path(__file__).with_name("sqlite_demo_probe.py")


@pytest.mark.long
def test_the_sqlite_demo_shows_every_evaluation_figure(tmp_path):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL")
    }
    environment |= {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "CYSWLLT_VAR_DIR": str(tmp_path),
        "PYTHONPATH": str(settings.BASE_DIR),
    }
    done = subprocess.run(
        [sys.executable, str(PROBE)],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout)

    assert {url: s for url, s in seen["statuses"].items() if s != 200} == {}
    assert seen["empty"] == []
    assert len(seen["statuses"]) > 60
    for language in ("cy", "en"):
        figures = seen["languages"][language]
        assert sum(figures["dashboard"]) > 0
        assert figures["drill_downs"] > 0
        # Every table of the evaluation has rows, the percentiles included.
        assert [slug for slug, rows in figures["tables"].items() if rows == 0] == []
        assert all(all(found) and found for found in figures["medians"].values())
        assert figures["sampled"]
        assert all(figures["officer"])
