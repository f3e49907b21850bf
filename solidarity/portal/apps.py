from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The godparents' own pages on the public site (`/<lang>/me/`): no models of its own.

    It sits above the domain apps and the public pages, which it puts together for one person.
    """

    name = "solidarity.portal"
    label = "portal"
    verbose_name = _("Godparent portal")
