"""Reference rows the demo needs (articles, backgrounds, facilities, parliaments), idempotently."""

from dataclasses import dataclass, field

from django.db import transaction

from solidarity.godparents.models import Parliament
from solidarity.prisoners.choices import FacilityKind
from solidarity.prisoners.models import Background, CriminalArticle, Facility

from . import tables


@dataclass
class Reference:
    """Primary keys of the reference rows, grouped the way the generators pick them."""

    articles: dict[str, int] = field(default_factory=dict)
    backgrounds: dict[str, int] = field(default_factory=dict)
    # kind -> [(pk, region)]
    facilities: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    women_colonies: list[int] = field(default_factory=list)
    parliaments: list[tuple[int, tuple]] = field(default_factory=list)  # (pk, table row)


def reference_ensure() -> Reference:
    """Create the missing reference rows and return their keys; existing rows stay as they are."""
    with transaction.atomic():
        reference = Reference()
        reference.articles = _articles()
        reference.backgrounds = _backgrounds()
        _facilities(reference)
        reference.parliaments = _parliaments()
    return reference


def _articles() -> dict[str, int]:
    result = {}
    for number, (title_en, title_be, title_ru) in tables.ARTICLES.items():
        article, _created = CriminalArticle.objects.get_or_create(
            number=number,
            defaults={
                "sort_key": CriminalArticle.sort_key_for(number),
                "title_en": title_en,
                "title_be": title_be,
                "title_ru": title_ru,
            },
        )
        result[number] = article.pk
    return result


def _backgrounds() -> dict[str, int]:
    result = {}
    for slug, (name_en, name_be, name_ru) in tables.BACKGROUNDS.items():
        background, _created = Background.objects.get_or_create(
            slug=slug, defaults={"name_en": name_en, "name_be": name_be, "name_ru": name_ru}
        )
        result[slug] = background.pk
    return result


def _facilities(reference: Reference) -> None:
    reference.facilities = {kind: [] for kind in FacilityKind.values}
    for row in tables.FACILITIES:
        facility, _created = Facility.objects.get_or_create(
            name=row["name"], defaults={k: v for k, v in row.items() if k != "name"}
        )
        if row["name"] in tables.WOMEN_COLONIES:
            reference.women_colonies.append(facility.pk)
        else:
            reference.facilities[row["kind"]].append((facility.pk, row["region"]))


def _parliaments() -> list[tuple[int, tuple]]:
    result = []
    for row in tables.PARLIAMENTS:
        kind, country, name, short_name, chamber = row[:5]
        parliament, _created = Parliament.objects.get_or_create(
            country=country,
            name=name,
            chamber=chamber,
            defaults={"kind": kind, "short_name": short_name},
        )
        result.append((parliament.pk, row))
    return result
