# syntax=docker/dockerfile:1
# The Cyswllt image: web (gunicorn), Celery worker and Celery beat all run from it; see
# docker-compose.yml. A second target, "proxy", serves the collected static files with nginx
# and passes everything else to the web service.

# The staff pages' styles and scripts (package.json), built into static/dist/.
FROM node:20-slim AS frontend
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend ./frontend
RUN npm run build


# Debian 12 (bookworm), named rather than left to the tag: its postgresql-client is PostgreSQL
# 15's, which decides the PostgreSQL that docker-compose.yml runs (pg_dump refuses a newer
# server; docs/adr/0040). A new Debian release here is a new client major: change both.
FROM python:3.11-slim-bookworm AS app

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    CYSWLLT_VAR_DIR=/var/lib/cyswllt

# The Debian packages come from scripts/debian-packages.txt, which scripts/run and scripts/test
# read too: gettext for the translations, Pango and the DejaVu fonts for printed letters,
# PostgreSQL's client programs for manage.py backup and restore.
COPY scripts/debian-packages scripts/debian-packages.txt /tmp/debian-packages/
RUN packages="$(/tmp/debian-packages/debian-packages translations letters database-client)" \
    && apt-get update \
    && apt-get install -y --no-install-recommends $packages \
    && rm -rf /var/lib/apt/lists/* /tmp/debian-packages

WORKDIR /app

# Dependencies first, so a code change does not reinstall them.
COPY pyproject.toml ./
RUN pip install .

COPY . .
COPY --from=frontend /build/static/dist ./static/dist
# collectstatic names each file after a hash of its content (CYSWLLT_HASHED_STATIC_FILES, on
# by default), which lets the proxy have browsers keep them for a year (deploy/nginx.conf).
RUN python manage.py compilemessages --ignore=.venv --ignore=node_modules --ignore=var \
    && python manage.py collectstatic --noinput \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin cyswllt \
    && mkdir -p "$CYSWLLT_VAR_DIR" \
    && chown -R cyswllt "$CYSWLLT_VAR_DIR"

USER cyswllt
EXPOSE 8000
# The web server's own check; docker-compose.yml gives the worker and beat theirs.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "scripts/web_healthcheck.py"]
CMD ["gunicorn", "config.wsgi", "-b", "0.0.0.0:8000", "-w", "4"]


FROM nginx:1.27-alpine AS proxy

COPY --from=app /app/staticfiles /srv/static
COPY deploy/nginx.conf /etc/nginx/conf.d/default.conf
