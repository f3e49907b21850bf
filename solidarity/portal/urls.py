"""The portal under `/<lang>/me/` (mounted by `solidarity.urls`)."""

from django.urls import path

from .views import (
    account,
    actions,
    dashboard,
    exile,
    letters,
    offers,
    profile,
    staff,
    writing,
)

app_name = "portal"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("for/<int:godparent_id>/", dashboard.assisted_dashboard, name="assisted"),
    path("profile/", profile.profile_edit, name="profile"),
    path("offers/<int:match_id>/", offers.offer_answer, name="offer_answer"),
    path("offers/link/<str:token>/", offers.offer_link, name="offer_link"),
    path("release/<str:token>/", exile.release_choice, name="release_choice"),
    path("exile/<int:match_id>/", exile.exile_needs, name="exile_needs"),
    path("prisoners/<int:match_id>/letter/", letters.letter_new, name="letter_new"),
    path("prisoners/<int:match_id>/write/", writing.letter_compose_view, name="letter_compose"),
    path("prisoners/<int:match_id>/toolkit/", writing.toolkit, name="toolkit"),
    path("printed/<int:prepared_id>/", writing.prepared_letter, name="prepared_letter"),
    path("printed/<int:prepared_id>/pdf/", writing.prepared_letter_file, name="prepared_pdf"),
    path(
        "printed/<int:prepared_id>/discard/",
        writing.prepared_letter_remove,
        name="prepared_discard",
    ),
    path("for/<int:godparent_id>/letters/", letters.letter_list, name="letters"),
    path("letters/<int:letter_id>/edit/", letters.letter_edit, name="letter_edit"),
    path("letters/<int:letter_id>/delete/", letters.letter_remove, name="letter_delete"),
    path("letters/<int:letter_id>/outcome/", letters.letter_outcome, name="letter_outcome"),
    path("letters/<int:letter_id>/scan/", letters.letter_scan, name="letter_scan"),
    path("for/<int:godparent_id>/action/", actions.action_new, name="action_new"),
    path("staff/", staff.staff_list, name="staff"),
    path("staff/<int:staff_id>/revoke/", staff.staff_revoke, name="staff_revoke"),
    path("staff/join/<str:token>/", staff.staff_accept, name="staff_accept"),
    path("reminders/", account.reminder_preferences, name="reminders"),
    path("data.json", account.export, name="export"),
    path("delete/", account.delete, name="delete"),
]
