"""Crafted URLs and query strings get a page or a 404, never a server error."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/en/prisoners/99999999999999999999999-someone/",
        "/en/prisoners/?facility=99999999999999999999999",
        "/en/prisoners/?article=99999999999999999999999",
        "/en/prisoners/?page=99999999999999999999999",
        "/en/prisoners/?q=%00%FF",
    ],
)
def test_odd_numbers_never_crash(client, site, path):
    assert client.get(path).status_code in (200, 301, 404)


def test_a_record_id_of_thousands_of_digits_is_a_404(client, site):
    assert client.get(f"/en/prisoners/{'9' * 4400}-x/").status_code == 404
