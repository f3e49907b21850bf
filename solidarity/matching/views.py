"""Wagtail admin views for matching: thin subclasses of Wagtail's generic snippet views."""

from wagtail.snippets.views.snippets import CreateView


class MatchingRunCreateView(CreateView):
    """A run is owned by the organiser who starts it."""

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or self.model()
        instance.created_by = self.request.user
        return instance
