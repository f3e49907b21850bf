from django.urls import path

from . import views

app_name = "godparents"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("profile/", views.profile_edit, name="profile"),
    path("offers/<int:match_id>/", views.offer_answer, name="offer_answer"),
    path("offers/link/<str:token>/", views.offer_link, name="offer_link"),
    path("prisoners/<int:match_id>/letter/", views.letter_new, name="letter_new"),
    path("for/<int:godparent_id>/letters/", views.letter_list, name="letters"),
    path("letters/<int:letter_id>/edit/", views.letter_edit, name="letter_edit"),
    path("letters/<int:letter_id>/delete/", views.letter_remove, name="letter_delete"),
    path("letters/<int:letter_id>/outcome/", views.letter_outcome, name="letter_outcome"),
    path("letters/<int:letter_id>/scan/", views.letter_scan, name="letter_scan"),
    path("for/<int:godparent_id>/", views.assisted_dashboard, name="assisted"),
    path("for/<int:godparent_id>/action/", views.action_new, name="action_new"),
    path("staff/", views.staff_list, name="staff"),
    path("staff/<int:staff_id>/revoke/", views.staff_revoke, name="staff_revoke"),
    path("staff/join/<str:token>/", views.staff_accept, name="staff_accept"),
    path("data.json", views.export, name="export"),
    path("delete/", views.delete, name="delete"),
]
