import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupPagePermission, Locale

from cms.models import HomePage, PrisonerIndexPage
from solidarity.accounts.models import User
from solidarity.accounts.roles import GROUP_NAMES, Role

pytestmark = pytest.mark.django_db


def test_setup_site_prepares_a_deployment_without_creating_accounts():
    Group.objects.get(name=GROUP_NAMES[Role.DEFENDER]).permissions.clear()

    call_command("setup_site", stdout=io.StringIO())
    call_command("setup_site", stdout=io.StringIO())

    assert set(Locale.objects.values_list("language_code", flat=True)) == {"en", "be", "ru"}
    assert HomePage.objects.live().count() == 3
    assert PrisonerIndexPage.objects.live().count() == 3
    defenders = Group.objects.get(name=GROUP_NAMES[Role.DEFENDER])
    assert defenders.permissions.filter(codename="change_prisoner").exists()
    assert GroupPagePermission.objects.filter(
        group=defenders, permission__codename="change_page"
    ).exists()
    assert not User.objects.exists()
