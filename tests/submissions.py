"""Posting forms that carry a submission token (solidarity/common/idempotency.py)."""

import re

from solidarity.common.idempotency import FIELD

TOKEN = re.compile(rf'name="{FIELD}" value="([^"]+)"')


def submission_token(content: bytes | str) -> str:
    """The token of the (only) guarded form on a rendered page."""
    text = content.decode() if isinstance(content, bytes) else content
    [token] = TOKEN.findall(text)
    return token


def with_submission(client, url: str, data: dict) -> dict:
    """The data of a form as its page renders it: with a fresh token, as a browser sends it."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return {**data, FIELD: submission_token(response.content)}
