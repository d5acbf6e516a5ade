"""The web container's health check (the Dockerfile's HEALTHCHECK, docker-compose.yml): GET
/healthz from inside the container, where the slim image has no curl.

It asks as a resident's browser would, for the public address's host and scheme
(``CYSWLLT_PUBLIC_URL``), so that neither ``DJANGO_ALLOWED_HOSTS`` nor the https redirect
behind a TLS proxy turns it away. Exits 0 when the server answers 200, 1 otherwise.
"""

import os
import sys
import urllib.error
import urllib.request
from urllib.parse import urlsplit


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # A redirect (to https, say) means the check did not reach /healthz: unhealthy, not followed.
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


#: gunicorn's port in the image (the Dockerfile's CMD, docker-compose.yml).
PORT = 8000


def main(port: int = PORT) -> int:
    public = urlsplit(os.environ.get("CYSWLLT_PUBLIC_URL", "http://localhost:8000"))
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/healthz",
        headers={
            "Host": public.netloc or "localhost",
            "X-Forwarded-Proto": public.scheme or "http",
        },
    )
    opener = urllib.request.build_opener(_NoRedirects)
    try:
        with opener.open(request, timeout=5) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError as error:
        print(f"web health check: no answer from /healthz: {error}", file=sys.stderr)
        return 1
    if status != 200:
        print(f"web health check: /healthz answered {status}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
