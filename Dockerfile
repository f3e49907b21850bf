# syntax=docker/dockerfile:1
# The production image (README, "Deployment"): web (gunicorn) and workers (qcluster) alike.
# Python is the version pyproject.toml's requires-python and mypy's python_version name.
FROM python:3.11-slim-bookworm

# uv from its official image (the minor version that wrote uv.lock); the environment is built
# from uv.lock exactly (--frozen).
COPY --from=ghcr.io/astral-sh/uv:0.13 /uv /usr/local/bin/uv

# WeasyPrint (the report's PDF) needs pango and harfbuzz (with its subsetter) and fonts with
# Cyrillic; nothing else is installed from the system.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 \
      fonts-dejavu-core fonts-noto-core \
 && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    PATH=/app/.venv/bin:$PATH \
    MEDIA_ROOT=/app/media \
    PRIVATE_MEDIA_ROOT=/app/private

WORKDIR /app

# Dependencies first (a layer that changes only with the lock file), the "s3" extra included.
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --extra s3 --no-install-project

COPY . .

# Static files are collected into the image (served by WhiteNoise, hashed names): no web server
# needs a shared disk for them. The values below exist only for this build step.
RUN SECRET_KEY=build-only-not-a-secret ALLOWED_HOSTS=build DEBUG=0 \
    python manage.py collectstatic --no-input -v0 \
 && python -m compileall -q solidarity cms

# Never root: the app owns only its media directories (volumes, or unused with S3).
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin app \
 && mkdir -p /app/media /app/private \
 && chown app:app /app/media /app/private
USER app

EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=6s --start-period=30s --retries=3 \
  CMD ["python", "deploy/healthcheck.py"]

CMD ["gunicorn", "solidarity.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--timeout", "60", "--access-logfile", "-", "--forwarded-allow-ips", "*"]
