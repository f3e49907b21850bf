#!/usr/bin/env python
import gc
import os
import sys

if __name__ == "__main__":
    # No cyclic garbage collection while Django and Wagtail start: solidarity/common/apps.py
    # turns it back on when start-up is over.
    gc.disable()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "solidarity.settings.base")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
