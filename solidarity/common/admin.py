"""Admin building blocks shared by the apps' snippet viewsets."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.functional import Promise
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views import chooser
from wagtail.snippets.views.snippets import SnippetViewSet

_ANY_MODEL_PERMISSION = ["add", "change", "delete", "view"]


class _ModelPermissionRequired:
    """Wagtail's chooser views only ask for admin access, not for a permission on the model.

    Without this, a defender could list discreet godparents or who supports whom through
    /admin/snippets/choose/... although the model's own listing refuses them (docs/architecture.md,
    "Security model").
    """

    def dispatch(self, request, *args, **kwargs):
        policy = ModelPermissionPolicy(self.model)
        if not policy.user_has_any_permission(request.user, _ANY_MODEL_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class GuardedChooseView(_ModelPermissionRequired, chooser.ChooseView):
    pass


class GuardedChooseResultsView(_ModelPermissionRequired, chooser.ChooseResultsView):
    pass


class _ChosenView(_ModelPermissionRequired, chooser.SnippetChosenView):
    pass


class _ChosenMultipleView(_ModelPermissionRequired, chooser.SnippetChosenMultipleView):
    pass


class _CreateView(_ModelPermissionRequired, chooser.SnippetCreateView):
    pass


class GuardedSnippetChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = GuardedChooseView
    choose_results_view_class = GuardedChooseResultsView
    chosen_view_class = _ChosenView
    chosen_multiple_view_class = _ChosenMultipleView
    create_view_class = _CreateView


class GuardedSnippetViewSet(SnippetViewSet):
    """Every snippet viewset of the project: the chooser asks for a permission on the model."""

    chooser_viewset_class = GuardedSnippetChooserViewSet


class PolicyViewMixin:
    """Admin views of a custom area (import, verification queue): the policy decides who enters.

    Subclasses set `allowed` (a function of the user from `accounts.permissions`) and
    `area_title`; the viewset passes `url_names`.
    """

    url_names: dict[str, str] = {}
    area_title: str | Promise = ""
    kwargs: dict[str, Any]  # the URL's arguments, set by Django's View

    @staticmethod
    def allowed(user) -> bool:
        return False

    def dispatch(self, request, *args, **kwargs):
        if not self.allowed(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def url(self, name: str, *args) -> str:
        return reverse(self.url_names[name], args=args)

    def get_breadcrumbs_items(self):
        trail = [*self.breadcrumbs_items, {"url": self.url("index"), "label": self.area_title}]
        if subtitle := self.get_page_subtitle():
            trail.append({"url": "", "label": subtitle})
        return trail


class _PolicyMenuItem(MenuItem):
    """Shown to whoever the area's policy lets in, and to nobody else."""

    def __init__(self, *args, allowed, **kwargs):
        super().__init__(*args, **kwargs)
        self.allowed = allowed

    def is_shown(self, request):
        return self.allowed(request.user)


class PolicyAreaViewSet(ViewSet):
    """An admin area of custom views (import, verification queue, matching runs).

    Subclasses set `allowed` (the policy function, as on their views) and `routes`:
    name -> (view class, route[, extra view kwargs]); the first route is the menu's target.
    Every view gets `url_names` for all routes, so it can link to its siblings.
    """

    routes: dict[str, tuple] = {}

    @staticmethod
    def allowed(user) -> bool:
        return False

    def get_common_view_kwargs(self, **kwargs):
        names = {name: self.get_url_name(name) for name in self.routes}
        return super().get_common_view_kwargs(url_names=names, **kwargs)

    def get_urlpatterns(self):
        return [
            path(route, self.construct_view(view, **(extra[0] if extra else {})), name=name)
            for name, (view, route, *extra) in self.routes.items()
        ]

    def get_menu_item(self, order=None):
        return _PolicyMenuItem(
            label=self.menu_label,
            url=self.menu_url,
            name=self.menu_name,
            icon_name=self.menu_icon,
            order=self.get_menu_item_order(order),
            allowed=self.allowed,
        )
