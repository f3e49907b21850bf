from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GodparentsConfig(AppConfig):
    name = "solidarity.godparents"
    label = "godparents"
    verbose_name = _("Godparents")
