"""Uploaded scans are judged by their first bytes and their size, never by their name."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from solidarity.common.uploads import SCAN_MAX_BYTES, validate_scan


@pytest.mark.parametrize(
    ("content", "extension"),
    [(b"%PDF-1.7\n", "pdf"), (b"\xff\xd8\xff\xe0JFIF", "jpg"), (b"\x89PNG\r\n\x1a\n", "png")],
)
def test_pdf_jpeg_and_png_are_recognised_by_content(content, extension):
    assert validate_scan(SimpleUploadedFile("scan.bin", content)) == extension


def test_an_html_file_named_like_an_image_is_refused():
    with pytest.raises(ValidationError, match="PDF, JPEG or PNG"):
        validate_scan(SimpleUploadedFile("reply.jpg", b"<script>alert(1)</script>"))


def test_a_file_over_ten_megabytes_is_refused():
    big = SimpleUploadedFile("reply.pdf", b"%PDF-" + b"0" * SCAN_MAX_BYTES)

    with pytest.raises(ValidationError, match="too large"):
        validate_scan(big)
