"""Photo uploads lose their metadata (GPS!), are checked, and are served in modern formats."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.images import get_image_model

from cms.images import image_strip_metadata
from solidarity.accounts.roles import Role
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db
GPS_IFD, MAKE, ORIENTATION = 0x8825, 0x010F, 0x0112
CANARY = "-".join(["CANARY", "CAMERA", "serial"])


def _photo_with_exif(fmt="JPEG", size=(60, 40)) -> bytes:
    image = Image.new("RGB", size, "#a33")
    exif = image.getexif()
    exif[MAKE] = CANARY
    exif[ORIENTATION] = 6  # rotated 90°: the stripped copy must be upright
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (53.0, 54.0, 0.0), 3: "E", 4: (27.0, 33.0, 0.0)})
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, exif=exif)
    return buffer.getvalue()


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_metadata_is_stripped_and_orientation_applied(fmt):
    upload = SimpleUploadedFile(f"p.{fmt.lower()}", _photo_with_exif(fmt))

    clean = image_strip_metadata(upload=upload)

    data = clean.read()
    with Image.open(io.BytesIO(data)) as image:
        assert not image.getexif()
        assert image.size == (40, 60)  # turned upright
        assert image.format == fmt
    assert CANARY.encode() not in data


def test_an_uploaded_original_in_the_admin_keeps_no_gps(client, settings, tmp_path, site):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(user_with_role(Role.DEFENDER))

    response = client.post(
        reverse("wagtailimages:add"),
        {"title": "Portrait", "file": SimpleUploadedFile("portrait.jpg", _photo_with_exif())},
    )

    assert response.status_code == 302
    stored = get_image_model().objects.get(title="Portrait")
    with stored.open_file() as original:
        data = original.read()
    assert CANARY.encode() not in data
    with Image.open(io.BytesIO(data)) as image:
        assert GPS_IFD not in image.getexif()
    assert stored.file_size == len(data)


def test_a_file_that_is_not_an_image_is_refused(client, settings, tmp_path, site):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(user_with_role(Role.DEFENDER))
    fake = SimpleUploadedFile("portrait.jpg", b"%PDF-1.4 not an image")

    response = client.post(reverse("wagtailimages:add"), {"title": "Fake", "file": fake})

    assert response.status_code == 200
    assert not get_image_model().objects.filter(title="Fake").exists()


def test_an_oversized_upload_is_refused(client, settings, tmp_path, site):
    settings.MEDIA_ROOT = tmp_path
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
    client.force_login(user_with_role(Role.DEFENDER))
    big = SimpleUploadedFile("big.jpg", _photo_with_exif(size=(400, 400)))

    response = client.post(reverse("wagtailimages:add"), {"title": "Big", "file": big})

    assert response.status_code == 200
    assert not get_image_model().objects.filter(title="Big").exists()


def test_a_full_profile_offers_its_photo_in_modern_formats_and_sizes(
    client, make_profile, settings, tmp_path
):
    from django.core.files.images import ImageFile

    from solidarity.prisoners.choices import Publicity

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (800, 1000), "#777").save(buffer, format="JPEG")
    portrait = get_image_model().objects.create(
        title="portrait", file=ImageFile(buffer, name="portrait.jpg")
    )
    page = make_profile(publicity=Publicity.FULL, photo=portrait, translate_to=())

    html = client.get(page.url).content.decode()

    picture = html[html.index("<picture") : html.index("</picture>")]
    assert 'type="image/avif"' in picture
    assert 'type="image/webp"' in picture
    assert all(f"{width}w" in picture for width in (160, 320, 640))
