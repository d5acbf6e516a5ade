#!/usr/bin/env python
"""A consultation with 50,000 responses: the officers' analysis page and the export.

    BENCH_DATABASE_URL=postgres://root@127.0.0.1:5432/cyswllt_h2_bench \\
        .venv/bin/python bench/consultation.py [--responses 50000] [--requests 40] [--reseed]

Creates the database if it does not exist and migrates it. Seeds, set-based (``INSERT …
SELECT … FROM generate_series``, one statement per table and question), one published
consultation of six questions — two scales, a single choice of four, a multiple choice of five,
two free texts — with ``--responses`` counted responses spread over twelve wards and both
languages (a tenth entered from paper), about 5.3 answers each, and a theme on a fifth of the
free-text answers; then the running counts the analysis reads are rebuilt from the answers
(``consultations.tally``, one statement). Kept between runs (``--reseed`` makes it again).

Then, in-process through the real WSGI stack (middleware, session, templates) with Django's
test ``Client`` signed in as an advisor given the permission to run consultations, reports
p50/p95/worst of ``--requests`` GETs of the analysis page, cycling through no filter, a
ward, a language, and both; and the time of the CSV and XLSX exports (three each,
unfiltered: every response). Targets (issue 18): the analysis page p95 < 300 ms, the export
< 10 s.
"""

import argparse
import os
import statistics
import sys
import time

os.environ.setdefault("BENCH_DATABASE_URL", "postgres://root@127.0.0.1:5432/cyswllt_h2_bench")

import _env

TITLE = "Bench: three-weekly bin collections"
PAGE_TARGET_MS = 300.0
EXPORT_TARGET_S = 10.0


def ensure_database() -> None:
    import psycopg

    with psycopg.connect(_env.admin_dsn(), autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [_env.DB_NAME])
        if found.fetchone() is None:
            conn.execute(f'CREATE DATABASE "{_env.DB_NAME}"')
            print(f"created {_env.DB_NAME}")


def seed(responses: int) -> int:
    from django.db import connection, transaction
    from django.utils import timezone

    from consultations.models import Choice, Consultation, Question, QuestionKind, Theme
    from councillors.models import Ward

    Consultation.objects.filter(title_en=TITLE).delete()
    today = timezone.localdate()
    with transaction.atomic():
        wards = [
            Ward.objects.get_or_create(code=f"bench-ward-{i:02}", defaults={"name": f"Ward {i}"})[0]
            for i in range(12)
        ]
        made = Consultation.objects.create(
            title_en=TITLE,
            title_cy="Mainc: casgliadau biniau bob tair wythnos",
            why_en="Why",
            why_cy="Pam",
            proposal_en="Proposal",
            proposal_cy="Cynnig",
            opens_on=today,
            closes_on=today,
            published_at=timezone.now(),
        )
        made.wards.set(wards)

        def question(position: int, kind: str, **more) -> Question:
            return Question.objects.create(
                consultation=made,
                position=position,
                kind=kind,
                text_en=f"Question {position + 1}",
                text_cy=f"Cwestiwn {position + 1}",
                **more,
            )

        agree = question(0, QuestionKind.SCALE, required=True, scale_min=1, scale_max=5)
        single = question(1, QuestionKind.SINGLE)
        multiple = question(2, QuestionKind.MULTIPLE)
        text = question(3, QuestionKind.TEXT)
        rating = question(4, QuestionKind.SCALE, scale_min=0, scale_max=10)
        more_text = question(5, QuestionKind.TEXT)
        for q, count in ((single, 4), (multiple, 5)):
            Choice.objects.bulk_create(
                Choice(question=q, position=i, text_en=f"Choice {i + 1}", text_cy=f"Dewis {i + 1}")
                for i in range(count)
            )
        themes = Theme.objects.bulk_create(
            Theme(consultation=made, name=name) for name in ("Cost", "Smell", "Space", "Fairness")
        )
        ward_ids = [w.pk for w in wards]
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(
                """
                INSERT INTO consultations_response
                    (consultation_id, token, person_digest, language, ward_id, way,
                     submitted_at, confirmed_at)
                SELECT %s, NULL, '', CASE WHEN g %% 3 = 0 THEN 'cy' ELSE 'en' END,
                       (%s::bigint[])[1 + g %% 12],
                       CASE WHEN g %% 10 = 0 THEN 'paper' ELSE 'online' END,
                       now() - (g || ' seconds')::interval, now()
                FROM generate_series(1, %s) AS g
                """,
                [made.pk, ward_ids, responses],
            )
            mine = "SELECT id FROM consultations_response WHERE consultation_id = %s"
            for scale, low, high in ((agree, 1, 5), (rating, 0, 10)):
                cursor.execute(
                    f"""
                    INSERT INTO consultations_answer (response_id, question_id, value, text)
                    SELECT r.id, %s, {low} + (r.id * 7 + {scale.pk}) %% {high - low + 1}, ''
                    FROM ({mine}) r WHERE {scale.pk} = %s OR r.id %% 5 <> 0
                    """,
                    [scale.pk, made.pk, agree.pk],
                )
            cursor.execute(
                f"""
                INSERT INTO consultations_answer (response_id, question_id, choice_id, text)
                SELECT r.id, %s, c.id, ''
                FROM ({mine}) r
                JOIN consultations_choice c
                  ON c.question_id = %s AND c.position = (r.id * 3) %% 4
                WHERE r.id %% 7 <> 0
                """,
                [single.pk, made.pk, single.pk],
            )
            cursor.execute(
                f"""
                INSERT INTO consultations_answer (response_id, question_id, choice_id, text)
                SELECT r.id, %s, c.id, ''
                FROM ({mine}) r
                JOIN consultations_choice c
                  ON c.question_id = %s AND (r.id + c.position * 5) %% 3 = 0
                """,
                [multiple.pk, made.pk, multiple.pk],
            )
            for q, share in ((text, 3), (more_text, 6)):
                cursor.execute(
                    f"""
                    INSERT INTO consultations_answer (response_id, question_id, text)
                    SELECT r.id, %s,
                           (ARRAY['The bin will smell in summer.',
                                  'We are a family of six: one bin is not enough.',
                                  'Mae angen mwy o le yn y bin.',
                                  'Fine by me if food waste goes weekly.',
                                  '=HYPERLINK("http://example.com")'])[1 + r.id %% 5]
                           || ' (' || r.id || ')'
                    FROM ({mine}) r WHERE r.id %% {share} = 0
                    """,
                    [q.pk, made.pk],
                )
            cursor.execute(
                """
                INSERT INTO consultations_answer_themes (answer_id, theme_id)
                SELECT a.id, (%s::bigint[])[1 + a.id %% 4]
                FROM consultations_answer a
                WHERE a.question_id IN (%s, %s) AND a.id %% 5 = 0
                """,
                [[t.pk for t in themes], text.pk, more_text.pk],
            )
            cursor.execute("ANALYZE consultations_response")
            cursor.execute("ANALYZE consultations_answer")
            cursor.execute("ANALYZE consultations_answer_themes")
        print(f"seeded in {time.perf_counter() - started:.1f} s")
    return made.pk


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--responses", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=40, help="timed analysis requests")
    parser.add_argument("--warmup", type=int, default=4)
    parser.add_argument("--exports", type=int, default=3, help="timed exports per format")
    parser.add_argument("--reseed", action="store_true")
    args = parser.parse_args()

    ensure_database()
    _env.django_setup()
    from django.conf import settings
    from django.contrib.auth import user_logged_in
    from django.contrib.auth.models import Permission, update_last_login
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    from accounts.models import Role, User
    from consultations.models import Answer, Consultation, Response
    from councillors.models import Ward

    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    settings.ALLOWED_HOSTS = ["*"]
    user_logged_in.disconnect(update_last_login)

    made = Consultation.objects.filter(title_en=TITLE).first()
    counted = made.responses.count() if made else 0
    if made is None or args.reseed or counted != args.responses:
        pk = seed(args.responses)
    else:
        pk = made.pk
    from consultations.tally import tally_rebuild

    started = time.perf_counter()
    tally_rebuild(consultation=Consultation.objects.get(pk=pk))
    print(f"running counts rebuilt from the answers in {time.perf_counter() - started:.2f} s")
    responses = Response.objects.filter(consultation_id=pk).count()
    answers = Answer.objects.filter(response__consultation_id=pk).count()
    print(f"consultation {pk}: {responses:,} responses, {answers:,} answers")

    # An advisor given the permission (managers and administrators are asked for a second
    # factor, which an in-process client cannot give).
    officer, _created = User.objects.get_or_create(
        username="bench-consultation-officer", defaults={"role": Role.ADVISOR}
    )
    officer.user_permissions.add(Permission.objects.get(codename="run_consultations"))
    client = Client()
    client.force_login(officer)
    ward = Ward.objects.filter(code="bench-ward-03").values_list("pk", flat=True).first()
    queries = ["", f"ward={ward}", "language=cy", f"ward={ward}&language=en"]
    url = f"/en/manage-consultations/{pk}/analysis/"

    _env.wait_quiet(label="consultation")
    for i in range(args.warmup):
        assert client.get(f"{url}?{queries[i % 4]}").status_code == 200
    times: list[float] = []
    statements = 0
    for i in range(args.requests):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(f"{url}?{queries[i % 4]}")
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        statements = max(statements, len(captured))
    p50, p95 = _env.percentile(times, 0.5), _env.percentile(times, 0.95)
    print(
        f"analysis page, {args.requests} requests: p50 {p50:.0f} ms, p95 {p95:.0f} ms, "
        f"worst {max(times):.0f} ms, mean {statistics.mean(times):.0f} ms; "
        f"at most {statements} SQL statements (target p95 < {PAGE_TARGET_MS:.0f} ms: "
        f"{'met' if p95 < PAGE_TARGET_MS else 'NOT met'})"
    )
    ok = p95 < PAGE_TARGET_MS
    for extension in ("csv", "xlsx"):
        spent = []
        size = 0
        for _ in range(args.exports):
            started = time.perf_counter()
            response = client.get(f"/en/manage-consultations/{pk}/export.{extension}")
            spent.append(time.perf_counter() - started)
            assert response.status_code == 200
            size = len(response.content)
        worst = max(spent)
        print(
            f"export {extension}: median {statistics.median(spent):.2f} s, worst {worst:.2f} s, "
            f"{size / 1e6:.1f} MB (target < {EXPORT_TARGET_S:.0f} s: "
            f"{'met' if worst < EXPORT_TARGET_S else 'NOT met'})"
        )
        ok = ok and worst < EXPORT_TARGET_S
    print(f"peak RSS {_env.peak_rss_mb():.0f} MB")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
