import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django_q.models import Schedule
from wagtail.models import GroupPagePermission, Locale

from cms.models import HomePage, PrisonerIndexPage
from solidarity.accounts.models import User
from solidarity.accounts.roles import GROUP_NAMES, Role
from solidarity.common import jobs

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
    sweep = Schedule.objects.get(name=jobs.SWEEP_SCHEDULE)  # dead workers' jobs, every minute
    assert (sweep.func, sweep.minutes) == (jobs.SWEEP_TASK, 1)


def test_each_locale_gets_its_home_page_in_its_own_language():
    call_command("setup_site", stdout=io.StringIO())
    titles = {
        page.locale.language_code: (page.title, page.intro)
        for page in HomePage.objects.select_related("locale")
    }
    assert titles["en"][0] == "Solidarity"
    assert titles["be"][0] == "Салідарнасць"
    assert titles["ru"][0] == "Солидарность"
    assert "палітвязняў" in titles["be"][1]
    listing = PrisonerIndexPage.objects.get(locale__language_code="ru")
    assert listing.title == "Заключённые"
