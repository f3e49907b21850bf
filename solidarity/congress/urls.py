"""The participant's pages under `/<lang>/congress/` (mounted by `solidarity.urls`)."""

from django.urls import path

from . import views

app_name = "congress"

urlpatterns = [
    path("register/<str:token>/", views.register, name="register"),
    path("pledge/<str:token>/", views.pledge, name="pledge"),
    path("badge/<str:token>/", views.badge, name="badge"),
    path("hall/<int:congress_id>/", views.hall, name="hall"),
    path("declaration/<str:token>/", views.declaration, name="declaration"),
    path("<int:congress_id>/declaration.pdf", views.declaration_pdf, name="declaration_pdf"),
]
