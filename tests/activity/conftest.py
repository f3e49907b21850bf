from tests.cms.conftest import listings, make_profile  # noqa: F401 (shared fixtures)
from tests.godparents.conftest import godparent  # noqa: F401 (shared fixture)
