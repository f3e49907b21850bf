"""Audit entries for many records at once, as Wagtail's `log()` writes them one by one.

Bulk writes (an import's status changes, the godparenthoods a release wave ends) would otherwise
pay one INSERT and a clean-up query per record inside their transaction.
"""

from collections.abc import Callable, Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from wagtail.log_actions import get_active_log_context, log
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry

BATCH_SIZE = 500


def log_many(
    *,
    instances: Sequence[models.Model],
    action: str,
    user: Any,
    data: Callable[[int], dict[str, Any]],
) -> None:
    """The entries `log(instance=..., action=..., user=..., data=data(i))` would write for each
    instance (`i` its position), in one INSERT per batch.

    Built as ModelLogEntryManager.log_action builds them: the registry's log model, the active
    log context's user and uuid, the instance's title and content type. A type without a log
    model gets no entry, as with `log()`; a custom log model gets `log()` one by one.
    """
    if not instances:
        return
    log_model = log_registry.get_log_model_for_instance(instances[0])
    if log_model is None:
        return
    if not issubclass(log_model, ModelLogEntry):
        for index, instance in enumerate(instances):
            log(instance=instance, action=action, user=user, data=data(index))
        return
    context = get_active_log_context()
    content_type = ContentType.objects.get_for_model(type(instances[0]), for_concrete_model=False)
    timestamp = timezone.now()
    entries = [
        log_model(
            content_type=content_type,
            label=log_model.objects.get_instance_title(instance),
            action=action,
            timestamp=timestamp,
            data=data(index),
            user=user or context.user,
            uuid=context.uuid,
            object_id=str(instance.pk),
        )
        for index, instance in enumerate(instances)
    ]
    for entry in entries:  # save() would clean each entry; its foreign keys cost a query each
        entry.full_clean(exclude=["content_type", "user", "revision"])
    log_model.objects.bulk_create(entries, batch_size=BATCH_SIZE)
