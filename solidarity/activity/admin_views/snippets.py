"""Wagtail admin views for letters and advocacy actions: thin generic snippet views."""

from wagtail.snippets.views.snippets import CreateView


class LoggedByCreateView(CreateView):
    """Whoever records a letter or an action in the admin is its `logged_by`."""

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or self.model()
        instance.logged_by = self.request.user
        return instance
