import gc

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "solidarity.common"
    label = "common"
    verbose_name = _("Common")

    def ready(self):
        """The end of start-up: this app is the last in INSTALLED_APPS (settings/base.py).

        The entry points (manage.py, wsgi.py, asgi.py) turn the cyclic garbage collector off
        while Django and Wagtail start. The ~200,000 objects that start-up makes (models, admin
        views, Wagtail's API schemas) live as long as the process: the collector's passes over
        them freed a few dozen objects and cost a tenth of `manage.py check`'s CPU. Frozen, later
        passes leave them out; the collector then runs as usual.
        """
        from . import checks  # noqa: F401 (registers the deployment checks)

        gc.freeze()
        gc.enable()
