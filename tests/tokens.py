"""Forging signed tokens in tests."""


def forged(token: str) -> str:
    """The token with its signature's last character changed: never the real token. Overwriting
    the tail with a fixed string was the real token whenever the signature happened to end with it
    (about once in 4,096 tokens for two characters), which made refusal tests flaky."""
    return token[:-1] + ("B" if token.endswith("A") else "A")
