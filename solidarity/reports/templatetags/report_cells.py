"""How a report's cell reads in HTML: the same text as in the workbook, numbers right-aligned."""

import datetime

from django import template

from solidarity.reports.document import is_number

register = template.Library()


@register.filter
def cell_text(value) -> str:
    """Numbers without locale grouping (the workbook has none), dates as ISO 8601."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


register.filter("is_number", is_number)
