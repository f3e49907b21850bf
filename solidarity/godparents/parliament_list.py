"""The parliaments a godparent can pick when signing up: real chambers and assemblies.

Each row is (kind, country code, official name, short name, chamber). The name is the official
name in the national language, in the country's own script (so it reads as the members know it);
the short name is a common Latin-script form, so that organisers can search for every row.
A bicameral parliament gets one row per chamber: ``name`` is the parliament, ``chamber`` the
chamber. A unicameral parliament has an empty ``chamber``. Where several languages are official,
the majority language is used.

Covered: every member state of the EU and of the Council of Europe, the other democracies the
godparent programme works with, and the international assemblies (no country). Russia and
Belarus are deliberately absent.

``parliaments_sync`` runs from a data migration; rows are matched by (country, name, chamber), the
model's unique key, so renaming a row here creates a new one instead of editing the old one.
"""

from django.db import models, transaction

from .models import ParliamentKind

NATIONAL = ParliamentKind.NATIONAL
INTERNATIONAL = ParliamentKind.INTERNATIONAL
_BIH = "Parlamentarna skupština Bosne i Hercegovine"

PARLIAMENTS = (
    # --- Council of Europe member states (which include every EU member state)
    (NATIONAL, "AL", "Kuvendi i Republikës së Shqipërisë", "Kuvendi", ""),
    (NATIONAL, "AD", "Consell General", "Consell General", ""),
    (NATIONAL, "AM", "Հայաստանի Հանրապետության Ազգային ժողով", "Azgayin Zhoghov", ""),
    (NATIONAL, "AT", "Österreichisches Parlament", "Nationalrat", "Nationalrat"),
    (NATIONAL, "AT", "Österreichisches Parlament", "Bundesrat", "Bundesrat"),
    (NATIONAL, "AZ", "Azərbaycan Respublikasının Milli Məclisi", "Milli Məclis", ""),
    (NATIONAL, "BE", "Federaal Parlement", "Kamer", "Kamer van volksvertegenwoordigers"),
    (NATIONAL, "BE", "Federaal Parlement", "Senaat", "Senaat"),
    (NATIONAL, "BA", _BIH, "Predstavnički dom", "Predstavnički dom"),
    (NATIONAL, "BA", _BIH, "Dom naroda", "Dom naroda"),
    (NATIONAL, "BG", "Народно събрание на Република България", "Narodno sabranie", ""),
    (NATIONAL, "HR", "Hrvatski sabor", "Sabor", ""),
    (NATIONAL, "CY", "Βουλή των Αντιπροσώπων", "Vouli ton Antiprosopon", ""),
    (NATIONAL, "CZ", "Parlament České republiky", "Sněmovna", "Poslanecká sněmovna"),
    (NATIONAL, "CZ", "Parlament České republiky", "Senát", "Senát"),
    (NATIONAL, "DK", "Folketinget", "Folketing", ""),
    (NATIONAL, "EE", "Riigikogu", "Riigikogu", ""),
    (NATIONAL, "FI", "Eduskunta", "Eduskunta", ""),
    (NATIONAL, "FR", "Parlement français", "AN", "Assemblée nationale"),
    (NATIONAL, "FR", "Parlement français", "Sénat", "Sénat"),
    (NATIONAL, "GE", "საქართველოს პარლამენტი", "Sakartvelos Parlamenti", ""),
    # The Bundesrat is a federal organ of the Länder governments, not a chamber of parliament.
    (NATIONAL, "DE", "Deutscher Bundestag", "Bundestag", ""),
    (NATIONAL, "GR", "Βουλή των Ελλήνων", "Vouli ton Ellinon", ""),
    (NATIONAL, "HU", "Országgyűlés", "Országgyűlés", ""),
    (NATIONAL, "IS", "Alþingi", "Althing", ""),
    (NATIONAL, "IE", "Oireachtas", "Dáil", "Dáil Éireann"),
    (NATIONAL, "IE", "Oireachtas", "Seanad", "Seanad Éireann"),
    (NATIONAL, "IT", "Parlamento italiano", "Camera", "Camera dei deputati"),
    (NATIONAL, "IT", "Parlamento italiano", "Senato", "Senato della Repubblica"),
    (NATIONAL, "LV", "Latvijas Republikas Saeima", "Saeima", ""),
    (NATIONAL, "LI", "Landtag des Fürstentums Liechtenstein", "Landtag", ""),
    (NATIONAL, "LT", "Lietuvos Respublikos Seimas", "Seimas", ""),
    (NATIONAL, "LU", "Chambre des Députés", "Chambre", ""),
    (NATIONAL, "MT", "Parlament ta' Malta", "Parlament", ""),
    (NATIONAL, "MD", "Parlamentul Republicii Moldova", "Parlamentul", ""),
    (NATIONAL, "MC", "Conseil national", "Conseil national", ""),
    (NATIONAL, "ME", "Skupština Crne Gore", "Skupština", ""),
    (NATIONAL, "NL", "Staten-Generaal", "Tweede Kamer", "Tweede Kamer"),
    (NATIONAL, "NL", "Staten-Generaal", "Eerste Kamer", "Eerste Kamer"),
    (NATIONAL, "MK", "Собрание на Република Северна Македонија", "Sobranie", ""),
    (NATIONAL, "NO", "Stortinget", "Storting", ""),
    (NATIONAL, "PL", "Parlament Rzeczypospolitej Polskiej", "Sejm", "Sejm"),
    (NATIONAL, "PL", "Parlament Rzeczypospolitej Polskiej", "Senat", "Senat"),
    (NATIONAL, "PT", "Assembleia da República", "AR", ""),
    (NATIONAL, "RO", "Parlamentul României", "Camera Deputaților", "Camera Deputaților"),
    (NATIONAL, "RO", "Parlamentul României", "Senatul", "Senatul"),
    (NATIONAL, "SM", "Consiglio Grande e Generale", "Consiglio Grande e Generale", ""),
    (NATIONAL, "RS", "Народна скупштина Републике Србије", "Narodna skupština", ""),
    (NATIONAL, "SK", "Národná rada Slovenskej republiky", "NR SR", ""),
    # The constitution names no parliament above these two bodies, so each is its own row.
    (NATIONAL, "SI", "Državni zbor Republike Slovenije", "DZ", ""),
    (NATIONAL, "SI", "Državni svet Republike Slovenije", "DS", ""),
    (NATIONAL, "ES", "Cortes Generales", "Congreso", "Congreso de los Diputados"),
    (NATIONAL, "ES", "Cortes Generales", "Senado", "Senado"),
    (NATIONAL, "SE", "Sveriges riksdag", "Riksdag", ""),
    (NATIONAL, "CH", "Bundesversammlung", "Nationalrat", "Nationalrat"),
    (NATIONAL, "CH", "Bundesversammlung", "Ständerat", "Ständerat"),
    (NATIONAL, "TR", "Türkiye Büyük Millet Meclisi", "TBMM", ""),
    (NATIONAL, "UA", "Верховна Рада України", "Verkhovna Rada", ""),
    (NATIONAL, "GB", "Parliament of the United Kingdom", "Commons", "House of Commons"),
    (NATIONAL, "GB", "Parliament of the United Kingdom", "Lords", "House of Lords"),
    # --- Other democracies
    (NATIONAL, "US", "United States Congress", "House", "House of Representatives"),
    (NATIONAL, "US", "United States Congress", "Senate", "Senate"),
    (NATIONAL, "CA", "Parliament of Canada", "Commons", "House of Commons"),
    (NATIONAL, "CA", "Parliament of Canada", "Senate", "Senate"),
    (NATIONAL, "AU", "Parliament of Australia", "House", "House of Representatives"),
    (NATIONAL, "AU", "Parliament of Australia", "Senate", "Senate"),
    (NATIONAL, "NZ", "New Zealand Parliament", "NZ Parliament", ""),
    (NATIONAL, "JP", "国会", "Shūgiin", "衆議院"),
    (NATIONAL, "JP", "国会", "Sangiin", "参議院"),
    (NATIONAL, "KR", "대한민국 국회", "Gukhoe", ""),
    (NATIONAL, "TW", "立法院", "Legislative Yuan", ""),
    (NATIONAL, "IL", "הכנסת", "Knesset", ""),
    # --- International assemblies
    (INTERNATIONAL, "", "European Parliament", "EP", ""),
    (INTERNATIONAL, "", "Parliamentary Assembly of the Council of Europe", "PACE", ""),
    (INTERNATIONAL, "", "OSCE Parliamentary Assembly", "OSCE PA", ""),
    (INTERNATIONAL, "", "NATO Parliamentary Assembly", "NATO PA", ""),
)  # fmt: skip


def parliaments_sync(*, parliament_model: type[models.Model]) -> int:
    """Create the listed parliaments that are missing and return how many were created.

    Takes the model as an argument so that a data migration can pass its historical model.
    Existing rows are left as they are: an organiser may have corrected a short name.
    """
    created = 0
    with transaction.atomic():
        for kind, country, name, short_name, chamber in PARLIAMENTS:
            _parliament, was_created = parliament_model._default_manager.get_or_create(
                country=country,
                name=name,
                chamber=chamber,
                defaults={"kind": str(kind), "short_name": short_name},
            )
            created += was_created
    return created
