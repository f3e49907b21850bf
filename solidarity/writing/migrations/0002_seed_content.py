"""The first set of phrases, censor words and advocacy templates (solidarity/writing/content.py).

Defenders edit them in the admin afterwards; this runs once, on a database that has none.
"""

import uuid

from django.db import migrations


def seed(apps, schema_editor):
    from solidarity.writing import content

    Locale = apps.get_model("wagtailcore", "Locale")
    Phrase = apps.get_model("writing", "Phrase")
    CensorReason = apps.get_model("writing", "CensorReason")
    CensorTerm = apps.get_model("writing", "CensorTerm")
    AdvocacyTemplate = apps.get_model("writing", "AdvocacyTemplate")
    if Phrase.objects.exists() or CensorReason.objects.exists():
        return
    locales = {
        code: Locale.objects.get_or_create(language_code=code)[0] for code in ("en", "be", "ru")
    }
    phrases = []
    for order, phrase in enumerate(content.PHRASES):
        key = uuid.uuid4()
        phrases += [
            Phrase(
                translation_key=key,
                locale=locale,
                topic=phrase["topic"],
                text=phrase[code],
                sort_order=order,
            )
            for code, locale in locales.items()
        ]
    Phrase.objects.bulk_create(phrases)
    reasons = {}
    for name, versions in content.CENSOR_REASONS.items():
        key = uuid.uuid4()
        for code, locale in locales.items():
            title, explanation = versions[code]
            reason = CensorReason.objects.create(
                translation_key=key, locale=locale, title=title, explanation=explanation
            )
            if code == "en":
                reasons[name] = reason
    CensorTerm.objects.bulk_create(
        CensorTerm(language=language, kind=kind, text=text, reason=reasons[reason])
        for language, kind, text, reason in content.CENSOR_TERMS
    )
    templates = []
    for order, template in enumerate(content.ADVOCACY_TEMPLATES):
        key = uuid.uuid4()
        templates += [
            AdvocacyTemplate(
                translation_key=key,
                locale=locale,
                title=template[code]["title"],
                body=template[code]["body"],
                action_kind=template["action_kind"],
                use=template["use"],
                sort_order=order,
            )
            for code, locale in locales.items()
        ]
    AdvocacyTemplate.objects.bulk_create(templates)


class Migration(migrations.Migration):
    dependencies = [
        ("writing", "0001_initial"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
