"""factory_boy factories, one module per app; import them from here."""

from .accounts import UserFactory, user_with_role
from .activity import AdvocacyActionFactory, LetterFactory
from .godparents import GodparentProfileFactory, ParliamentFactory
from .matching import MatchFactory, MatchingRunFactory
from .prisoners import (
    ChargeFactory,
    CriminalArticleFactory,
    FacilityFactory,
    PrisonerConfidentialFactory,
    PrisonerFactory,
    WhereaboutsFactory,
)

__all__ = [
    "AdvocacyActionFactory",
    "ChargeFactory",
    "CriminalArticleFactory",
    "FacilityFactory",
    "GodparentProfileFactory",
    "LetterFactory",
    "MatchFactory",
    "MatchingRunFactory",
    "ParliamentFactory",
    "PrisonerConfidentialFactory",
    "PrisonerFactory",
    "UserFactory",
    "WhereaboutsFactory",
    "user_with_role",
]
