"""Wagtail admin views for matching: thin subclasses of Wagtail's generic snippet views."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from wagtail.snippets.views.snippets import CreateView

from .services import match_propose


class MatchingRunCreateView(CreateView):
    """Runs are started from "Run matching", which computes and reviews them.

    `get`/`post`, not `dispatch`: Wagtail checks the add permission in `dispatch` first.
    """

    def get(self, request, *args, **kwargs):
        return redirect("matching_runs:add")

    post = get


class MatchCreateView(CreateView):
    """A manual match is proposed through `match_propose`, so the hard constraints always apply."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)

    def save_instance(self):
        data = self.form.cleaned_data
        return match_propose(
            godparent=data["godparent"], prisoner=data["prisoner"], proposed_by=self.request.user
        )
