from tests.cms.conftest import listings, make_profile, photo  # noqa: F401 (shared fixtures)
from tests.godparents.conftest import (  # noqa: F401 (shared fixtures)
    godparent,
    new_user,
    organiser,
    parliament,
)


def profile_data(chamber, **overrides) -> dict:
    data = {
        "full_name": "Anna Beispiel",
        "parliament": chamber.pk if chamber else "",
        "parliament_other": "",
        "political_group": "Greens/EFA",
        "party": "Bündnis 90/Die Grünen",
        "role": "Member of the Bundestag",
        "official_email": "anna.beispiel@bundestag.example",
        "mandate_evidence_url": "https://www.bundestag.de/abgeordnete/beispiel",
        "languages": ["de", "en"],
        "capacity": "2",
        "preferred_regions": ["minsk"],
        "preferred_gender": "",
        "public_listing_consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
