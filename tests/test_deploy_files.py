"""The production shape's files (Dockerfile, compose.yaml, deploy/) agree with the settings.

Docker cannot build or run on the development machines: these checks read the files instead.
"""

import re
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text())
DOCKERFILE = (ROOT / "Dockerfile").read_text()
SERVICES = COMPOSE["services"]
APP_SERVICES = ("migrate", "web", "worker")


def _environment(service: str) -> dict[str, str]:
    return {str(k): str(v) for k, v in SERVICES[service]["environment"].items()}


def test_two_web_servers_and_two_workers_behind_one_proxy():
    assert SERVICES["web"]["deploy"]["replicas"] == 2
    assert SERVICES["worker"]["deploy"]["replicas"] == 2
    assert SERVICES["worker"]["command"] == ["python", "manage.py", "qcluster"]
    assert SERVICES["proxy"]["image"].startswith("caddy:")
    assert SERVICES["db"]["image"].startswith("postgres:16")
    assert SERVICES["redis"]["image"].startswith("redis:7")
    assert "Caddyfile" in SERVICES["proxy"]["volumes"][0]
    assert "name web" in (ROOT / "deploy" / "Caddyfile").read_text()


def test_web_and_workers_start_only_after_the_one_shot_migration():
    migrate = SERVICES["migrate"]
    assert "migrate --no-input" in migrate["command"][-1]
    assert migrate["restart"] == "no"
    for service in ("web", "worker"):
        condition = SERVICES[service]["depends_on"]["migrate"]["condition"]
        assert condition == "service_completed_successfully"
    assert SERVICES["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert "healthcheck.py" in " ".join(SERVICES["web"]["healthcheck"]["test"])


@pytest.mark.parametrize("service", APP_SERVICES)
def test_every_variable_production_requires_is_provided(service):
    """DEBUG=0 refuses to start without SECRET_KEY and ALLOWED_HOSTS; the rest is the shape."""
    env = _environment(service)
    assert env["DEBUG"] == "0"
    for required in ("SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL"):
        assert re.fullmatch(rf"\$\{{{required}:\?.+\}}", env[required]), required
    assert env["DATABASE_URL"].startswith("postgres://")
    assert "@db:5432/" in env["DATABASE_URL"]
    assert env["REDIS_URL"] == "redis://redis:6379/0"
    assert env["BEHIND_PROXY"] == "1"
    assert env["TRUSTED_PROXY_COUNT"] == "1"
    assert SERVICES[service]["env_file"] == ".env"


@pytest.mark.parametrize("service", APP_SERVICES)
def test_files_are_on_shared_volumes_never_a_container_disk(service):
    env = _environment(service)
    mounts = {volume.split(":")[1]: volume.split(":")[0] for volume in SERVICES[service]["volumes"]}
    assert mounts[env["MEDIA_ROOT"]] in COMPOSE["volumes"]
    assert mounts[env["PRIVATE_MEDIA_ROOT"]] in COMPOSE["volumes"]
    assert "pgdata" in COMPOSE["volumes"]


def test_the_image_pins_the_projects_python_and_runs_as_a_user():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    python = pyproject["project"]["requires-python"].removeprefix(">=")
    assert re.search(rf"^FROM python:{re.escape(python)}-slim-bookworm$", DOCKERFILE, re.M)
    assert pyproject["tool"]["mypy"]["python_version"] == python
    users = re.findall(r"^USER (\S+)$", DOCKERFILE, re.M)
    assert users
    assert users[-1] not in ("root", "0")
    assert "uv sync --frozen --no-dev" in DOCKERFILE
    assert "collectstatic" in DOCKERFILE
    assert "HEALTHCHECK" in DOCKERFILE
    assert "gunicorn" in DOCKERFILE


def test_the_image_has_the_pdf_reports_system_libraries():
    """The same libraries as `make pdf-deps`, which the report tests prove sufficient."""
    makefile = (ROOT / "Makefile").read_text()
    needed = re.search(r"^PDF_PACKAGES := (.+)$", makefile, re.M).group(1).split()
    for package in needed:
        assert package in DOCKERFILE, package


def test_the_backup_scripts_are_valid_shell():
    for script in ("backup.sh", "restore.sh"):
        subprocess.run(["bash", "-n", str(ROOT / "deploy" / script)], check=True)  # noqa: S603, S607


def test_the_proxy_never_sees_private_files():
    """Private files leave only through the site's checked views (README, "Deployment")."""
    proxy_volumes = " ".join(SERVICES["proxy"]["volumes"])
    assert "private" not in proxy_volumes
    assert "media:/srv/media:ro" in proxy_volumes
