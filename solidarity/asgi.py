import gc
import os

from django.core.asgi import get_asgi_application

# No cyclic garbage collection while Django and Wagtail start: solidarity/common/apps.py turns it
# back on when start-up is over.
gc.disable()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "solidarity.settings.base")

application = get_asgi_application()
