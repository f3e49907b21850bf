"""The container's health check: GET /healthz on this container, as the proxy would.

The host header is the first of ALLOWED_HOSTS (Django refuses any other); /healthz answers 200
while the site can serve (a cache or broker outage included) and 503 once the database is gone.
"""

import os
import sys
import urllib.request

host = (os.environ.get("ALLOWED_HOSTS") or "localhost").split(",")[0].strip()
request = urllib.request.Request(
    "http://127.0.0.1:8000/healthz", headers={"Host": host, "X-Forwarded-Proto": "https"}
)
try:
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
        sys.exit(0 if response.status == 200 else 1)
except Exception:  # any error is "unhealthy"
    sys.exit(1)
