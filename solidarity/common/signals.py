"""Signals that any app may send, for the apps above it to react to.

Django's `post_save` and `post_delete` tell every row written through `save()` and `delete()`;
writes in bulk (`bulk_create`, `QuerySet.update()`, `QuerySet.delete()` on large sets) send
nothing. Code that writes in bulk sends `records_written` once instead, so that whoever mirrors
those rows elsewhere (the public pages' cache) hears of it all the same.
"""

from django.dispatch import Signal

# sender: the model class whose rows were written in bulk, or None when many kinds were (the demo
# data). Sent inside the writing transaction; receivers act now or on commit.
records_written = Signal()
