"""How a report's cell reads in HTML: the same text as in the workbook, numbers right-aligned."""

import datetime

from django import template

register = template.Library()


@register.filter
def cell_text(value) -> str:
    """Numbers without locale grouping (the workbook has none), dates as ISO 8601."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


@register.filter
def is_number(value) -> bool:
    """As in the workbook (`document.is_number`)."""
    # Imported here, not at start-up: Django's template checks import every tag library, and the
    # document imports the report's builder.
    from solidarity.reports.document import is_number

    return is_number(value)
