"""Demo portraits: drawn, never photographed, so that `make run` shows photos, renditions and
the Full profile as visitors will see them, while nobody can mistake a demo person for a real one.

Each portrait is a flat silhouette with the person's initials on a colour chosen from their demo
id: the same data always gives the same pictures.
"""

import hashlib
import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Collection

from solidarity.prisoners.models import Prisoner

PORTRAIT_LIMIT = 40  # enough to see photos everywhere; a benchmark-size demo stays fast
PORTRAIT_SIZE = (480, 600)
COLLECTION_NAME = "Demo portraits"
TITLE_PREFIX = "Demo portrait "
# Muted backgrounds, each dark enough for white initials (WCAG AA for large text).
_PALETTE = ("#3b5b7a", "#6a4c7d", "#2f6b5a", "#7a4b3a", "#4a5a2f", "#5a3f5f", "#305f73", "#6b3b4b")


def demo_portrait(*, prisoner: Prisoner):
    """The prisoner's demo portrait as a Wagtail image, drawn the first time it is asked for."""
    Image = get_image_model()
    title = f"{TITLE_PREFIX}{prisoner.external_id}"
    collection = demo_portrait_collection()
    existing = Image.objects.filter(collection=collection, title=title).first()
    if existing is not None:
        return existing
    png = _draw(initials=_initials(prisoner.name_latin), key=prisoner.external_id)
    image = Image(
        title=title, collection=collection, file=ImageFile(png, name=f"{prisoner.external_id}.png")
    )
    image.save()
    return image


def demo_portrait_collection() -> Collection:
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=COLLECTION_NAME).first()
    return collection or root.add_child(name=COLLECTION_NAME)


def _initials(name: str) -> str:
    return "".join(part[0] for part in name.split()[:2]).upper() or "?"


def _draw(*, initials: str, key: str) -> io.BytesIO:
    digest = hashlib.sha256(key.encode()).digest()
    background = _PALETTE[digest[0] % len(_PALETTE)]
    width, height = PORTRAIT_SIZE
    canvas = PILImage.new("RGB", PORTRAIT_SIZE, background)
    draw = ImageDraw.Draw(canvas)
    shade = (255, 255, 255, 60)
    overlay = PILImage.new("RGBA", PORTRAIT_SIZE, (0, 0, 0, 0))
    figure = ImageDraw.Draw(overlay)
    figure.ellipse((width * 0.3, height * 0.14, width * 0.7, height * 0.46), fill=shade)
    figure.ellipse((width * 0.12, height * 0.5, width * 0.88, height * 1.2), fill=shade)
    canvas.paste(overlay, mask=overlay)
    font = ImageFont.load_default(size=150)
    draw.text((width / 2, height * 0.72), initials, font=font, fill="white", anchor="mm")
    label = ImageFont.load_default(size=28)
    draw.text((width / 2, height - 36), "DEMO", font=label, fill="white", anchor="mm")
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG", optimize=True)
    buffer.seek(0)
    return buffer
