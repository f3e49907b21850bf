"""Approved workflow revisions are published without the admin hooks; this catches them."""

from wagtail.signals import page_published

from .models import PrisonerPage
from .services import prisoner_pages_enforce_publicity


def unpublish_unconsented_profile(sender, instance, **kwargs):
    if isinstance(instance, PrisonerPage):
        prisoner_pages_enforce_publicity(prisoner=instance.prisoner)


def register_signal_handlers() -> None:
    page_published.connect(unpublish_unconsented_profile, sender=PrisonerPage)
