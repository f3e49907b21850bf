"""Date and number formats per language (FORMAT_MODULE_PATH); Django falls back to its own.

Django has Russian formats but no Belarusian ones, so Belarusian pages would print dates in the
English pattern ("Mar. 15, 2026"): `be` is ours. `en` and `ru` are Django's with one change each:
a day and month ("MONTH_DAY_FORMAT", birthdays) in the order and case each language writes it.
"""
