"""Languages named in the reader's language, for the forms that ask which ones someone uses.

A Belarusian page says "Англійская", not "English"; Django's own Belarusian names use the
classical orthography, so the names are the project's own catalogue entries ("language name").
Used for the languages godparents write letters in and the Congress's interpretation.
"""

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

LANGUAGE_NAMES: dict[str, Promise] = {
    "be": pgettext_lazy("language name", "Belarusian"),
    "ru": pgettext_lazy("language name", "Russian"),
    "en": pgettext_lazy("language name", "English"),
    "uk": pgettext_lazy("language name", "Ukrainian"),
    "pl": pgettext_lazy("language name", "Polish"),
    "lt": pgettext_lazy("language name", "Lithuanian"),
    "lv": pgettext_lazy("language name", "Latvian"),
    "et": pgettext_lazy("language name", "Estonian"),
    "de": pgettext_lazy("language name", "German"),
    "fr": pgettext_lazy("language name", "French"),
    "it": pgettext_lazy("language name", "Italian"),
    "es": pgettext_lazy("language name", "Spanish"),
    "pt": pgettext_lazy("language name", "Portuguese"),
    "nl": pgettext_lazy("language name", "Dutch"),
    "sv": pgettext_lazy("language name", "Swedish"),
    "da": pgettext_lazy("language name", "Danish"),
    "nb": pgettext_lazy("language name", "Norwegian"),
    "fi": pgettext_lazy("language name", "Finnish"),
    "is": pgettext_lazy("language name", "Icelandic"),
    "cs": pgettext_lazy("language name", "Czech"),
    "sk": pgettext_lazy("language name", "Slovak"),
    "sl": pgettext_lazy("language name", "Slovenian"),
    "hr": pgettext_lazy("language name", "Croatian"),
    "hu": pgettext_lazy("language name", "Hungarian"),
    "ro": pgettext_lazy("language name", "Romanian"),
    "bg": pgettext_lazy("language name", "Bulgarian"),
    "el": pgettext_lazy("language name", "Greek"),
    "ga": pgettext_lazy("language name", "Irish"),
}
