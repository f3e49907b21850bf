"""Account and role operations."""

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.db import transaction

from .roles import GROUP_NAMES, ROLE_PERMISSIONS, Role


def roles_sync(*, apps: Apps = global_apps) -> None:
    """Create the role groups and give each exactly the permissions of ROLE_PERMISSIONS.

    Runs from a data migration (with historical models) and may be called again at any time;
    it makes content types and permissions first because on a fresh database they are only
    created after all migrations have run.
    """
    for app_config in global_apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0, apps=apps)
        create_permissions(app_config, verbosity=0, apps=apps)
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    with transaction.atomic():
        for role, name in GROUP_NAMES.items():
            group, _created = group_model.objects.get_or_create(name=name)
            wanted = [
                permission
                for (app_label, model), actions in ROLE_PERMISSIONS[Role(role)].items()
                for action in actions
                # A permission made by a migration not yet run (wagtail_localize's) is skipped
                # here and granted by the later migration that depends on it (accounts 0004).
                if (
                    permission := permission_model.objects.filter(
                        content_type__app_label=app_label,
                        content_type__model=model,
                        codename=f"{action}_{model}",
                    ).first()
                )
            ]
            group.permissions.set(wanted)
