"""A production-shaped Solidarity on one machine, for the fault suite and the two-server check.

Two "machines" (A and B), each with its own gunicorn server, its own django-q2 cluster and its
own local disk (temporary directory, home directory), share what production
shares: one PostgreSQL database, one Redis, one private-media store (the directory stands in for
object storage or a shared volume) and one SMTP relay. Redis and SMTP are servers the suite starts
itself on free ports, never the machine's own, so that stopping them harms nothing else.

Everything runs with production settings (DEBUG off, the ORM broker, SMTP); only TLS is off
(plain HTTP on localhost, cookies sent by hand because they are marked Secure).
"""

from __future__ import annotations

import http.cookies
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import requests

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(check: Callable[[], Any], *, timeout: float, every: float = 0.5, what: str = ""):
    """Poll `check` until it returns something truthy; fail with `what` after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(every)


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@dataclass
class Process:
    """A child process with its output in a log file, started in its own process group."""

    name: str
    argv: list[str]
    env: dict[str, str]
    log: Path
    popen: subprocess.Popen | None = None

    def start(self) -> None:
        handle = self.log.open("ab")
        self.popen = subprocess.Popen(  # noqa: S603 - the suite's own fixed commands
            self.argv,
            cwd=ROOT,
            env=self.env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Kill the whole process group (gunicorn's and q2's children too)."""
        self.signal(sig)
        self.wait()

    def signal(self, sig: int) -> None:
        if self.popen and self.popen.poll() is None:
            with suppress(ProcessLookupError):
                os.killpg(self.popen.pid, sig)

    def wait(self, deadline: float | None = None) -> None:
        """Until the process has ended; killed outright after 15 s (or at `deadline`)."""
        if self.popen and self.popen.poll() is None:
            timeout = 15 if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                self.popen.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                with suppress(ProcessLookupError):
                    os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait(timeout=5)

    def stop(self) -> None:
        self.kill(signal.SIGTERM)

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


@dataclass
class Machine:
    """One app server and one worker cluster with a local disk of their own."""

    name: str
    port: int
    env: dict[str, str]
    web: Process
    worker: Process

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Stack:
    work: Path
    database_url: str
    redis_port: int
    smtp_port: int
    mail_dir: Path
    shared_env: dict[str, str]
    redis: Process
    smtp: Process
    machines: list[Machine] = field(default_factory=list)

    # --- dependencies -------------------------------------------------------------------------

    def redis_start(self) -> None:
        self.redis.start()
        wait_until(lambda: port_open(self.redis_port), timeout=10, what="redis")

    def redis_stop(self) -> None:
        self.redis.kill()
        wait_until(lambda: not port_open(self.redis_port), timeout=10, what="redis to stop")

    def smtp_start(self) -> None:
        self.smtp.start()
        wait_until(lambda: port_open(self.smtp_port), timeout=10, what="the SMTP sink")

    def smtp_stop(self) -> None:
        self.smtp.kill()
        wait_until(lambda: not port_open(self.smtp_port), timeout=10, what="SMTP to stop")

    def mails(self) -> list[dict[str, str]]:
        """Every message the SMTP sink received: envelope recipients, subject, whole text."""
        found = []
        for path in sorted(self.mail_dir.glob("*.eml")):
            text = path.read_text(errors="replace")
            to = re.search(r"^X-Envelope-To: (.*)$", text, re.M)
            subject = re.search(r"^Subject: (.*)$", text, re.M)
            found.append(
                {
                    "to": to.group(1).strip() if to else "",
                    "subject": subject.group(1).strip() if subject else "",
                    "text": text,
                }
            )
        return found

    # --- the database -------------------------------------------------------------------------

    def sql(self, query: str, params: tuple | dict | None = None) -> list[tuple]:
        with psycopg.connect(self.database_url, autocommit=True) as conn:
            cursor = conn.execute(query, params)  # type: ignore[arg-type]
            return cursor.fetchall() if cursor.description else []

    def manage(self, *args: str, machine: int = 0, timeout: float = 600) -> str:
        """Run a management command as machine `machine` would; its output, or fail loudly."""
        env = self.machines[machine].env if self.machines else self.shared_env
        done = subprocess.run(  # noqa: S603
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if done.returncode:
            raise AssertionError(f"manage.py {' '.join(args[:1])} failed:\n{done.stderr[-4000:]}")
        return done.stdout

    def shell(self, code: str, *, machine: int = 0) -> Any:
        """Run Python in a Django shell of `machine`; the JSON it prints last is returned."""
        out = self.manage("shell", "-c", code, machine=machine)
        lines = [line for line in out.splitlines() if line.strip()]
        if not lines:
            return None
        try:
            return json.loads(lines[-1])
        except json.JSONDecodeError as error:
            raise AssertionError(f"not JSON: {lines[-1][:500]!r}") from error

    # --- what defenders do: upload the list, apply its dry run ---------------------------------

    def import_upload(self, path: Path) -> int:
        """The defenders' list in `path`, uploaded by the demo defender; the import's id."""
        return self.shell(
            "import json, pathlib\n"
            "from solidarity.accounts.models import User\n"
            "from solidarity.prisoners.importing.runs import import_upload\n"
            "by = User.objects.get(email='defender@solidarity.test')\n"
            f"content = pathlib.Path({str(path)!r}).read_bytes()\n"
            "record = import_upload(content=content, filename='list.csv', language='ru',"
            " publicity='basic', user=by)\n"
            "print(json.dumps(record.pk))\n"
        )

    def import_apply(self, import_id: int) -> bool:
        """Apply the planned import as the demo defender; False when it cannot be applied."""
        return self.shell(
            "import json\n"
            "from solidarity.accounts.models import User\n"
            "from solidarity.prisoners.models import PrisonerImport\n"
            "from solidarity.prisoners.importing.runs import import_request_apply\n"
            "by = User.objects.get(email='defender@solidarity.test')\n"
            f"record = PrisonerImport.objects.get(pk={import_id})\n"
            "print(json.dumps(import_request_apply(record=record, user=by)))\n"
        )

    # --- processes ----------------------------------------------------------------------------

    def start_web(self, machine: Machine) -> None:
        machine.web.start()
        wait_until(
            lambda: _answers(f"{machine.url}/healthz"), timeout=60, what=f"{machine.name}'s server"
        )

    def start_worker(self, machine: Machine) -> None:
        machine.worker.start()

    def stop_all(self) -> None:
        """Every process told to stop at once, then waited for: not one after the other."""
        processes = [p for machine in self.machines for p in (machine.web, machine.worker)]
        for process in processes:
            process.signal(signal.SIGTERM)
        deadline = time.monotonic() + 10  # gunicorn and q2 end their work in hand, or are killed
        for process in processes:
            started = time.monotonic()
            process.wait(deadline)
            if time.monotonic() - started > 1:
                sys.stderr.write(f"{process.name}: {time.monotonic() - started:.1f} s to stop\n")
        self.redis.kill()
        self.smtp.kill()


def _answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=2).status_code < 600
    except requests.RequestException:
        return False


class Browser:
    """A client that keeps cookies although they are Secure and the test speaks plain HTTP.

    `requests` would (rightly) not send a Secure cookie over http://; here the stack is plain
    HTTP on localhost, so cookies are kept in a dict and sent by hand.
    """

    def __init__(self, base: str, *, language: str = "en") -> None:
        self.base = base
        self.language = language
        self.cookies: dict[str, str] = {}
        self.http = requests.Session()

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        url = path if path.startswith("http") else f"{self.base}{path}"
        headers = kwargs.pop("headers", {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        headers.setdefault("Referer", url)
        response = self.http.request(
            method, url, headers=headers, allow_redirects=False, timeout=30, **kwargs
        )
        self.http.cookies.clear()
        for raw in response.raw.headers.getlist("Set-Cookie"):
            parsed: http.cookies.SimpleCookie = http.cookies.SimpleCookie()
            parsed.load(raw)
            for name, morsel in parsed.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, data: dict | list, **kwargs: Any) -> requests.Response:
        return self.request("POST", path, data=data, **kwargs)

    def follow(self, response: requests.Response, *, limit: int = 10) -> requests.Response:
        while response.is_redirect and limit:
            response = self.get(urllib.parse.urljoin(response.url, response.headers["Location"]))
            limit -= 1
        return response

    def csrf_form(self, path: str) -> tuple[str, str]:
        """GET a page with a form; its CSRF token and its HTML."""
        page = self.follow(self.get(path))
        assert page.status_code == 200, (path, page.status_code)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert token, f"no CSRF token on {path}"
        return token.group(1), page.text

    def sign_in(self, email: str, password: str, *, totp_secret: str = "") -> None:
        token, _html = self.csrf_form(f"/{self.language}/accounts/login/")
        answer = self.post(
            f"/{self.language}/accounts/login/",
            {"csrfmiddlewaretoken": token, "login": email, "password": password},
        )
        assert answer.status_code == 302, f"sign-in of {email}: {answer.status_code}"
        if totp_secret:
            path = urllib.parse.urlsplit(answer.headers["Location"]).path
            token, _html = self.csrf_form(path)
            answer = self.post(path, {"csrfmiddlewaretoken": token, "code": totp_code(totp_secret)})
            assert answer.status_code == 302, f"second factor of {email}: {answer.status_code}"


def totp_code(secret: str) -> str:
    """The current code of an authenticator app (RFC 6238), as allauth checks it."""
    import base64
    import hashlib
    import hmac
    import struct

    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = struct.pack(">Q", int(time.time()) // 30)
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{value:06d}"


@contextmanager
def production_stack(*, seed: bool = True) -> Iterator[Stack]:
    """Build a fresh database, start Redis, SMTP, and two machines; tear everything down after."""
    work = Path(tempfile.mkdtemp(prefix="solidarity-faults-"))
    database = f"solidarity_faults_{os.getpid()}_{secrets.token_hex(3)}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{database}"')
    database_url = f"postgres://postgres@127.0.0.1:5432/{database}"
    redis_port, smtp_port = free_port(), free_port()
    mail_dir = work / "mail"
    shared_env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "DEBUG": "0",
        "SECRET_KEY": "faults-" + secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": database_url,
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_USE_TLS": "0",
        "MEDIA_ROOT": str(work / "shared" / "media"),
        "PRIVATE_MEDIA_ROOT": str(work / "shared" / "private"),
        "Q_WORKERS": "2",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
        "DJANGO_SETTINGS_MODULE": "solidarity.settings",
    }
    shared_env["DJANGO_SETTINGS_MODULE"] = _settings_module()
    redis = Process(
        "redis",
        [
            shutil.which("redis-server") or "/usr/bin/redis-server",
            "--port",
            str(redis_port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        shared_env,
        work / "redis.log",
    )
    smtp = Process(
        "smtp",
        [PYTHON, str(Path(__file__).with_name("smtp_sink.py")), str(smtp_port), str(mail_dir)],
        shared_env,
        work / "smtp.log",
    )
    stack = Stack(work, database_url, redis_port, smtp_port, mail_dir, shared_env, redis, smtp)
    try:
        stack.redis_start()
        stack.smtp_start()
        ports = [free_port(), free_port()]
        for name, port in zip("AB", ports, strict=True):
            local = work / f"machine-{name}"
            (local / "tmp").mkdir(parents=True)
            env = {
                **shared_env,
                "HOME": str(local),
                "TMPDIR": str(local / "tmp"),
                "SITE_URL": f"http://127.0.0.1:{ports[0]}",
            }
            web = Process(
                f"web-{name}",
                [
                    GUNICORN,
                    "solidarity.wsgi",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "2",
                    "--threads",
                    "4",
                    "--timeout",
                    "60",
                    "--graceful-timeout",
                    "5",
                ],
                env,
                work / f"web-{name}.log",
            )
            worker = Process(
                f"worker-{name}",
                [PYTHON, "manage.py", "qcluster"],
                env,
                work / f"worker-{name}.log",
            )
            stack.machines.append(Machine(name, port, env, web, worker))
        stack.manage("migrate", "--no-input", "-v0")
        stack.manage("createcachetable")
        stack.manage("collectstatic", "--no-input", "-v0")
        stack.manage("setup_site", "-v0")
        if seed:
            stack.manage(
                "seed_demo", "--prisoners", "120", "--pages", "20", "--allow-without-debug", "-v0"
            )
        for machine in stack.machines:
            stack.start_web(machine)
            stack.start_worker(machine)
        yield stack
    finally:
        stack.stop_all()
        if os.environ.get("FAULTS_KEEP"):
            sys.stderr.write(f"fault suite files kept in {work}\n")
        else:
            shutil.rmtree(work, ignore_errors=True)
        with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def _settings_module() -> str:
    """The production settings module, as gunicorn would load it (solidarity/wsgi.py)."""
    text = (ROOT / "solidarity" / "wsgi.py").read_text()
    found = re.search(r'DJANGO_SETTINGS_MODULE",\s*"([^"]+)"', text)
    return found.group(1) if found else "solidarity.settings.base"
