"""The "Letters and toolkit" admin menu: what defenders keep for the letter composer.

Phrases, reasons and templates are translatable snippets (a "Translate" action from
wagtail-localize, a language filter); the words to avoid are one list across languages.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from solidarity.common.admin import GuardedSnippetViewSet

from .models import AdvocacyTemplate, CensorReason, CensorTerm, Phrase


class PhraseViewSet(GuardedSnippetViewSet):
    model = Phrase
    icon = "openquote"
    menu_label = _("Letter phrases")
    list_display = ["text", "topic", "locale"]
    list_filter = ["topic", "locale"]
    ordering = ["topic", "sort_order"]
    panels = [FieldPanel("topic"), FieldPanel("text"), FieldPanel("sort_order")]


class CensorReasonViewSet(GuardedSnippetViewSet):
    model = CensorReason
    icon = "help"
    menu_label = _("Reasons to avoid words")
    list_display = ["title", "explanation", "locale"]
    list_filter = ["locale"]
    panels = [FieldPanel("title"), FieldPanel("explanation")]


class CensorTermViewSet(GuardedSnippetViewSet):
    model = CensorTerm
    icon = "warning"
    menu_label = _("Words to avoid")
    list_display = ["text", "language", "kind", "reason"]
    list_filter = ["language", "kind"]
    search_fields = ["text"]
    ordering = ["language", "text"]
    panels = [FieldPanel("language"), FieldPanel("kind"), FieldPanel("text"), FieldPanel("reason")]


class AdvocacyTemplateViewSet(GuardedSnippetViewSet):
    model = AdvocacyTemplate
    icon = "doc-full"
    menu_label = _("Advocacy templates")
    list_display = ["title", "use", "action_kind", "locale"]
    list_filter = ["use", "locale"]
    panels = [
        FieldPanel("title"),
        FieldPanel("body"),
        FieldPanel("action_kind"),
        FieldPanel("use"),
        FieldPanel("sort_order"),
    ]


class WritingGroup(SnippetViewSetGroup):
    menu_label = _("Letters and toolkit")
    menu_icon = "mail"
    menu_order = 260
    items = (PhraseViewSet, CensorTermViewSet, CensorReasonViewSet, AdvocacyTemplateViewSet)


register_snippet(WritingGroup)
