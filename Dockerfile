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


FROM python:3.11-slim AS app

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    CYSWLLT_VAR_DIR=/var/lib/cyswllt

RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first, so a code change does not reinstall them.
COPY pyproject.toml ./
RUN pip install .

COPY . .
COPY --from=frontend /build/static/dist ./static/dist
RUN python manage.py compilemessages --ignore=.venv --ignore=node_modules --ignore=var \
    && python manage.py collectstatic --noinput \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin cyswllt \
    && mkdir -p "$CYSWLLT_VAR_DIR" \
    && chown -R cyswllt "$CYSWLLT_VAR_DIR"

USER cyswllt
EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "-b", "0.0.0.0:8000", "-w", "4"]


FROM nginx:1.27-alpine AS proxy

COPY --from=app /app/staticfiles /srv/static
COPY <<'EOF' /etc/nginx/conf.d/default.conf
# The access log's request line with an Open311 client's api_key masked (docs/adr/0026).
map $request $request_redacted {
    "~^(?<before>.*[?&]api_key=)[^&\s]*(?<after>.*)$" "${before}[redacted]${after}";
    default $request;
}
log_format redacted '$remote_addr - $remote_user [$time_local] "$request_redacted" '
                    '$status $body_bytes_sent "$http_referer" "$http_user_agent"';

# The scheme the visitor used: the TLS load balancer's X-Forwarded-Proto when there is one.
map $http_x_forwarded_proto $forwarded_proto {
    default $http_x_forwarded_proto;
    "" $scheme;
}

server {
    listen 80;
    access_log /var/log/nginx/access.log redacted;
    client_max_body_size 25m;

    location /static/ {
        alias /srv/static/;
        expires 7d;
    }

    location / {
        proxy_pass http://web:8000;
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $forwarded_proto;
    }
}
EOF
