"""Screenshots of the public site in docs/screenshots/, made again by `make screenshots`.

The pictures in the documentation must show the site as it is, so nothing is drawn by hand: this
script seeds a throw-away demo database in a temporary directory (your `db.sqlite3` is never
touched), gives the demo godparent an offer to answer, serves the site with `runserver` on a free
port and photographs each page with Playwright on Debian's chromium, at 360 px (a phone) and
1280 px (a desktop). Each picture is the top of the page (at most `MAX_HEIGHT` pixels), quantised
to a palette with Pillow so that the whole set stays a few hundred kilobytes.

    .venv/bin/python docs/screenshots/make.py            # every page
    .venv/bin/python docs/screenshots/make.py home offer # only these
    .venv/bin/python docs/screenshots/make.py --keep     # keep the database, print its path
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
WIDTHS = {"phone": 360, "desktop": 1280}
VIEWPORT_HEIGHT = {"phone": 780, "desktop": 800}
MAX_HEIGHT = {"phone": 1280, "desktop": 1000}
COLOURS = 48
GODPARENT = ("godparent@solidarity.test", "demo-godparent-2026")


@dataclass(frozen=True)
class Shot:
    """One page to photograph: a name for the file, its URL path per language, whether the demo
    godparent must be signed in, and the languages to photograph it in."""

    name: str
    paths: dict[str, str]
    signed_in: bool = False
    languages: tuple[str, ...] = ("en",)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="only these pictures (e.g. home offer)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary database")
    parser.add_argument("--out", type=Path, default=OUT, help="where the PNGs go")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="solidarity-screenshots-"))
    port = _free_port()
    env = _environment(workdir, port)
    try:
        _seed(env)
        shots = [shot for shot in _shots(env) if not args.names or shot.name in args.names]
        with _server(env, port) as base_url:
            written = _photograph(shots, base_url=base_url, out=args.out)
    finally:
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    total = sum(path.stat().st_size for path in written)
    print(f"{len(written)} screenshots, {total // 1024} KB in {args.out}")
    return 0


def _environment(workdir: Path, port: int) -> dict[str, str]:
    """Development settings on files of their own; no cache of whole pages, no Redis, no SMTP."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "EMAIL_HOST"}
    }
    env.update(
        DEBUG="1",
        DJANGO_SETTINGS_MODULE="solidarity.settings.base",
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
        MEDIA_ROOT=str(workdir / "media"),
        PRIVATE_MEDIA_ROOT=str(workdir / "private"),
        SITE_URL=f"http://127.0.0.1:{port}",
        PAGE_CACHE_SECONDS="0",
        Q_SYNC="0",
    )
    return env


def _manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        sys.exit(f"manage.py {args[0]} failed:\n{result.stderr}")
    return result.stdout


def _seed(env: dict[str, str]) -> None:
    print("seeding a demo database…", flush=True)
    _manage(env, "migrate", "--no-input", "-v0")
    _manage(env, "createcachetable")
    _manage(env, "setup_site")
    _manage(env, "seed_demo")


# Run by `manage.py shell` on the seeded database: an offer for the demo godparent (made with the
# matching services, as an organiser would), and the addresses of the pages to photograph.
_FIND_PAGES = """
import json
from django.urls import reverse
from django.utils import translation
from cms.models import PrisonerPage
from solidarity.godparents.models import GodparentProfile
from solidarity.matching.models import Match, MatchStatus
from solidarity.matching.services import match_offer, match_offer_token, match_propose
from solidarity.prisoners.choices import Publicity

profile = GodparentProfile.objects.get(user__email=%(email)r)
pages = PrisonerPage.objects.live().filter(locale__language_code="en").select_related("prisoner")
full = pages.filter(prisoner__publicity=Publicity.FULL)
full = full.exclude(photo=None).first() or full.first()
basic = pages.filter(prisoner__publicity=Publicity.BASIC).first()
offer = Match.objects.filter(godparent=profile, status=MatchStatus.OFFERED).first()
if offer is None:
    taken = Match.objects.filter(godparent=profile).values("prisoner_id")
    others = pages.exclude(prisoner_id__in=taken).exclude(pk=full.pk)
    # A Full profile first, so that the offer shows what a Full offer shows (the photo).
    for page in sorted(others, key=lambda page: page.prisoner.publicity != Publicity.FULL):
        if page.prisoner.is_detained and not page.prisoner.matches.exists():
            offer = match_offer(match=match_propose(
                godparent=profile, prisoner=page.prisoner, proposed_by=None), by=None)
            break
if offer is None:
    raise SystemExit("no detained prisoner without a godparent to offer to the demo godparent")
urls = {"full": full.url, "basic": basic.url}
for code in ("en", "be"):
    with translation.override(code):
        urls["signup_" + code] = reverse("account_signup")
        urls["login_" + code] = reverse("account_login")
        urls["dashboard_" + code] = reverse("portal:dashboard")
        urls["offer_" + code] = reverse("portal:offer_link", args=[match_offer_token(offer)])
print(json.dumps(urls))
"""


def _shots(env: dict[str, str]) -> list[Shot]:
    out = _manage(env, "shell", "-c", _FIND_PAGES % {"email": GODPARENT[0]})
    urls = json.loads(out.strip().splitlines()[-1])
    both = ("en", "be")
    return [
        Shot("home", {"en": "/en/", "be": "/be/"}, languages=both),
        Shot("prisoners", {"en": "/en/prisoners/"}),
        Shot("profile-full", {"en": urls["full"]}),
        Shot("profile-basic", {"en": urls["basic"]}),
        Shot("godparents", {"en": "/en/godparents/"}),
        Shot("signup", {code: urls[f"signup_{code}"] for code in both}, languages=both),
        Shot("dashboard", {"en": urls["dashboard_en"]}, signed_in=True),
        Shot("offer", {"en": urls["offer_en"]}, signed_in=True),
    ]


@contextlib.contextmanager
def _server(env: dict[str, str], port: int) -> Iterator[str]:
    server = subprocess.Popen(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{base_url}/healthz")
        yield base_url
    finally:
        server.terminate()
        server.wait(timeout=10)


def _wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (our own http URL)
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def _photograph(shots: list[Shot], *, base_url: str, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        for device, width in WIDTHS.items():
            context = browser.new_context(
                viewport={"width": width, "height": VIEWPORT_HEIGHT[device]},
                device_scale_factor=1,
                is_mobile=device == "phone",
                has_touch=device == "phone",
                base_url=base_url,
            )
            page = context.new_page()
            signed_in = False
            for shot in sorted(shots, key=lambda shot: shot.signed_in):
                if shot.signed_in and not signed_in:
                    _sign_in(page)
                    signed_in = True
                for code in shot.languages:
                    page.goto(shot.paths[code])
                    path = out / f"{shot.name}-{code}-{width}.png"
                    _save(page.screenshot(full_page=True), path, MAX_HEIGHT[device])
                    written.append(path)
                    print(f"  {path.name} ({path.stat().st_size // 1024} KB)", flush=True)
            context.close()
        browser.close()
    return written


def _sign_in(page) -> None:
    page.goto("/en/accounts/login/")
    page.fill("input[name=login]", GODPARENT[0])
    page.fill("input[name=password]", GODPARENT[1])
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/me/**")


def _save(png: bytes, path: Path, max_height: int) -> None:
    """The top of the page, on a palette of COLOURS colours: text stays sharp, files stay small."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    image = image.crop((0, 0, image.width, min(image.height, max_height)))
    image = image.quantize(
        colors=COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )
    image.save(path, optimize=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
