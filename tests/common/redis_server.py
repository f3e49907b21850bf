"""A throwaway Redis server of a test's own, which the test may stop, freeze or kill.

Never the machine's Redis: a fresh `redis-server` on a free port, without persistence.
"""

import shutil
import signal
import socket
import subprocess
import time

import redis


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    def __init__(self) -> None:
        binary = shutil.which("redis-server")
        # No skip: the outage tests are the proof that a dead Redis is not a 500.
        assert binary, "redis-server is required by the cache outage tests (apt install redis)"
        # Another process (a parallel test worker) may take the free port first: try another.
        for _attempt in range(5):
            self.port = free_port()
            self.url = f"redis://127.0.0.1:{self.port}/0"
            arguments = ["--port", str(self.port), "--bind", "127.0.0.1"]
            no_persistence = ["--save", "", "--appendonly", "no"]
            self.process = subprocess.Popen(  # noqa: S603 (our own binary, fixed arguments)
                [binary, *arguments, *no_persistence],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            if self._answers():
                return
            self.kill()
        raise AssertionError("redis-server did not start on a free port in 5 attempts")

    def _answers(self) -> bool:
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        deadline = time.monotonic() + 10
        try:
            while True:
                try:
                    # Mine, not another test worker's that took the port first.
                    return client.info("server")["process_id"] == self.process.pid
                except redis.exceptions.ConnectionError:
                    if self.process.poll() is not None:
                        return False  # exited at start: the port was taken
                    assert time.monotonic() < deadline, "redis-server did not answer in 10 s"
                    time.sleep(0.05)
        finally:
            client.close()

    def freeze(self) -> None:
        """A hung Redis: connections open, nothing answers (reads time out)."""
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def kill(self) -> None:
        """A dead Redis: connections are refused."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.kill()
            self.process.wait(timeout=10)


def redis_caches(url: str, *, retry_after: float = 5.0) -> dict:
    """The CACHES production uses with REDIS_URL (settings/base.py), pointed at `url`."""

    def redis_alias(prefix: str, **extra) -> dict:
        return {
            "BACKEND": "solidarity.common.cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
            "RETRY_AFTER": retry_after,
            **extra,
        }

    return {
        "default": redis_alias("solidarity", FALLBACK="database"),
        "database": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "solidarity_cache",
        },
        "pages": redis_alias("solidarity-pages"),
        "renditions": redis_alias("solidarity-renditions"),
    }
