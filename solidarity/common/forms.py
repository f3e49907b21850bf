"""Form helpers shared by the apps' views."""

from django.core.exceptions import ValidationError


def form_add_service_errors(form, error: ValidationError) -> None:
    """Put a service's errors on the matching form fields, the rest on top of the form.

    Services validate the rules (views only parse input), so their errors must reach the user
    next to the field they concern, in the user's language.
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)
