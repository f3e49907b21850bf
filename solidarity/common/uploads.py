"""Checks for files people upload: the content must be what the name claims, and small.

An extension or a browser's content type is whatever the sender says; the first bytes are not.
"""

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.http import FileResponse
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


_SCAN_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}


def private_file_response(
    field_file,
    *,
    download_name: str,
    content_type: str | None = None,
    inline: bool | None = None,
    styles: bool = False,
) -> FileResponse:
    """Stream a private file (a reply scan, evidence, a report) after the caller's policy check.

    Never cached, never sniffed, sandboxed (no script runs, even in our own HTML); a PDF downloads
    rather than opening inline, because a browser's PDF viewer runs scripts. `styles` lets a
    generated HTML page use its inline stylesheet and nothing else.
    """
    extension = field_file.name.rsplit(".", 1)[-1].lower()
    response = FileResponse(
        field_file.open("rb"),
        content_type=content_type or _SCAN_TYPES.get(extension, "application/octet-stream"),
        as_attachment=not inline if inline is not None else extension not in ("jpg", "png"),
        filename=f"{download_name}.{extension}",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    style = " style-src 'unsafe-inline';" if styles else ""
    response["Content-Security-Policy"] = f"default-src 'none';{style} sandbox"
    return response


def stored_as(upload: File, stem: str) -> File:
    """Checked by content and renamed `<stem>.<true type>`: the sender's file name may hold a
    surname, and must not reach storage paths or logs."""
    upload.name = f"{stem}.{validate_scan(upload)}"
    return upload


def delete_files_on_commit(storage, names: list[str]) -> None:
    """Files are not transactional: delete them only once the row's removal is committed."""
    names = [name for name in names if name]

    def delete() -> None:
        for name in names:
            storage.delete(name)

    if names:
        transaction.on_commit(delete)
