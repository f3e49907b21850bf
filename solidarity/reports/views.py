"""Wagtail admin views for report runs: thin generic snippet views."""

from wagtail.snippets.views.snippets import CreateView


class ReportRunCreateView(CreateView):
    """A report run is owned by the organiser who asks for it."""

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or self.model()
        instance.created_by = self.request.user
        return instance
