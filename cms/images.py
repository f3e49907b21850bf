"""Photo uploads: no metadata survives, so a photo cannot reveal where or with what it was taken.

Wagtail serves original images under /media/, so stripping EXIF (GPS position, camera serial,
date) only from renditions is not enough: the original is re-encoded at upload.
"""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageOps
from wagtail.images.forms import BaseImageForm

# Pillow encoder options per format: good quality, nothing but pixels.
_SAVE_OPTIONS: dict[str, dict[str, object]] = {
    "JPEG": {"quality": 90, "optimize": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 90},
    "AVIF": {"quality": 80},
    "GIF": {},
}


def image_strip_metadata(*, upload) -> SimpleUploadedFile:
    """A copy of the uploaded image with EXIF, XMP and text chunks removed.

    The EXIF orientation is applied to the pixels first, so the photo still shows upright.
    Animated images keep only their first frame.
    """
    upload.seek(0)
    with Image.open(upload) as original:
        image_format = original.format
        colour_profile = original.info.get("icc_profile")  # colours, not identity: kept
        pixels = ImageOps.exif_transpose(original)
        # A new image from raw pixels carries no metadata at all, whatever the format.
        clean = Image.frombytes(pixels.mode, pixels.size, pixels.tobytes())
        if pixels.mode == "P" and (palette := pixels.getpalette()):
            clean.putpalette(palette)
    options = dict(_SAVE_OPTIONS.get(image_format or "", {}))
    if colour_profile:
        options["icc_profile"] = colour_profile
    buffer = io.BytesIO()
    clean.save(buffer, format=image_format, **options)
    content_type = getattr(upload, "content_type", None) or Image.MIME.get(image_format or "", "")
    return SimpleUploadedFile(upload.name, buffer.getvalue(), content_type=content_type)


class MetadataFreeImageForm(BaseImageForm):
    """Every image form of the admin (single and multiple upload, replace file) strips metadata."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            return image_strip_metadata(upload=upload)
        return upload
