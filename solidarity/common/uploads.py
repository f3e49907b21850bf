"""Checks for files people upload: the content must be what the name claims, and small.

An extension or a browser's content type is whatever the sender says; the first bytes are not.
"""

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext_lazy as _

SCAN_MAX_BYTES = 10 * 1024 * 1024
# Leading bytes of the formats a scanned letter comes in.
SCAN_SIGNATURES = {
    b"%PDF-": "pdf",
    b"\xff\xd8\xff": "jpg",
    b"\x89PNG\r\n\x1a\n": "png",
}
SCAN_TYPE_ERROR = _("Upload a PDF, JPEG or PNG file.")
SCAN_SIZE_ERROR = _("The file is too large: at most 10 MB.")


def validate_scan(upload: File) -> str:
    """Refuse anything but a PDF, JPEG or PNG of at most 10 MB; return its true extension."""
    if upload.size is not None and upload.size > SCAN_MAX_BYTES:
        raise ValidationError(SCAN_SIZE_ERROR, code="too_large")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    for signature, extension in SCAN_SIGNATURES.items():
        if head.startswith(signature):
            return extension
    raise ValidationError(SCAN_TYPE_ERROR, code="file_type")
