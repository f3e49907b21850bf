"""Redis stops for ten seconds in the middle of traffic on both servers: no page fails."""

import re
import threading
import time
from collections import Counter

import pytest

from .stack import Browser, Stack

pytestmark = pytest.mark.faults

OUTAGE_SECONDS = 10


def public_paths(stack: Stack) -> list[str]:
    """Home pages, the listing, its search, profiles and the sign-in page, from the sitemap."""
    sitemap = Browser(stack.machines[0].url).get("/sitemap.xml").text
    urls = re.findall(r"<loc>https?://[^/]+(/[^<]*)</loc>", sitemap)
    profiles = [url for url in urls if url.count("/") >= 4][:6]
    homes = [url for url in urls if url.count("/") == 2][:3]
    return [*homes, *profiles, "/en/accounts/login/", "/be/accounts/signup/", "/healthz"]


def test_pages_keep_answering_while_redis_is_down(stack: Stack) -> None:
    paths = public_paths(stack)
    assert len(paths) >= 8, paths
    godparent = Browser(stack.machines[1].url)
    godparent.sign_in("godparent@solidarity.test", "demo-godparent-2026")
    results: list[tuple[str, str, int]] = []
    health: list[dict] = []
    phase = {"now": "before"}
    stop = threading.Event()

    def traffic(machine: int) -> None:
        browser = Browser(stack.machines[machine].url)
        while not stop.is_set():
            for path in paths:
                answer = browser.get(path)
                results.append((phase["now"], path, answer.status_code))
                if path == "/healthz" and phase["now"] == "outage":
                    health.append({"http": answer.status_code, **answer.json()})
            answer = godparent.get("/en/me/")
            results.append((phase["now"], "/en/me/", answer.status_code))

    threads = [threading.Thread(target=traffic, args=(m % 2,)) for m in range(4)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(3)
        phase["now"] = "outage"
        stack.redis_stop()
        time.sleep(OUTAGE_SECONDS)
        phase["now"] = "after"
        stack.redis_start()
        time.sleep(4)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)

    by_phase = Counter(p for p, _path, _status in results)
    assert by_phase["outage"] > 20, by_phase  # the outage really saw traffic
    failures = Counter((p, path, status) for p, path, status in results if status >= 500)
    assert not failures, failures
    assert {status for _p, path, status in results if path == "/en/me/"} == {200}
    # /healthz says what is wrong while still answering 200 (the site can serve).
    assert health, "no health check answered during the outage"
    assert all(entry["http"] == 200 for entry in health)
    assert any(entry["checks"]["cache"]["state"] == "down" for entry in health), health[-1]
    # Logged once per process and outage, not once per request.
    for machine in stack.machines:
        warnings = machine.web.output().count("is unreachable")
        assert 1 <= warnings <= 2, (machine.name, warnings)  # gunicorn runs two processes
