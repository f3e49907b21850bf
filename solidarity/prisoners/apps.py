from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrisonersConfig(AppConfig):
    name = "solidarity.prisoners"
    label = "prisoners"
    verbose_name = _("Prisoners")
