"""The default texts of the pages `setup_site` creates: the home page's first screen and the
footer's pages (how it works, questions and answers, about us, contact, privacy policy).

They are written once, in English, and translated in the message catalogue like every other
string; `setup_site` renders them in each locale's language when it creates a page, and never
again: from then on the page belongs to its editors.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from .models import SitePageRole

HOME_HEADLINE = _("Become the godparent of a Belarusian political prisoner")
HOME_CALL_TO_ACTION = _("Become a godparent")
HOME_KEY_POINTS = (
    (
        _("What you do"),
        _(
            "Write letters, ask the Belarusian embassy about the prisoner, raise the case in "
            "parliament and speak publicly."
        ),
    ),
    (_("What it takes"), _("About an hour a month. Your staff can help you.")),
    (
        _("Safe for the prisoner"),
        _(
            "We publish only what the family agreed to, and human rights defenders check every "
            "fact."
        ),
    ),
    (
        _("Who runs it"),
        _(
            "The Alliance of Parliamentary Groups “For a Democratic Belarus”, with Belarusian "
            "human rights defenders."
        ),
    ),
)


@dataclass(frozen=True)
class Heading:
    text: Promise


@dataclass(frozen=True)
class Paragraph:
    text: Promise


@dataclass(frozen=True)
class Bullets:
    items: tuple[Promise, ...]


Block = Heading | Paragraph | Bullets


@dataclass(frozen=True)
class SitePageText:
    """One footer page as `setup_site` first writes it."""

    role: SitePageRole
    slug: str
    title: Promise
    body: tuple[Block, ...]


def home_key_points() -> list[dict]:
    """The home page's key points as StreamField data, in the active language."""
    return [
        {"type": "point", "value": {"heading": str(heading), "text": str(text)}}
        for heading, text in HOME_KEY_POINTS
    ]


def body_data(blocks: tuple[Block, ...], *, contact_email: str) -> list[dict]:
    """A page body as StreamField data (the shared blocks), in the active language."""
    data: list[dict] = []
    for block in blocks:
        if isinstance(block, Heading):
            value: object = {"text": str(block.text), "level": "h2"}
            data.append({"type": "heading", "value": value})
        elif isinstance(block, Paragraph):
            data.append({"type": "paragraph", "value": _html(block.text, contact_email)})
        else:
            items = "".join(f"<li>{_text(item, contact_email)}</li>" for item in block.items)
            data.append({"type": "paragraph", "value": f"<ul>{items}</ul>"})
    return data


def _text(text: Promise, contact_email: str) -> str:
    """Escaped text, with the contact address (when the text names it) as a mail link."""
    escaped = escape(str(text))
    if "%(email)s" not in str(text):
        return escaped
    link = f'<a href="mailto:{escape(contact_email)}">{escape(contact_email)}</a>'
    return escaped.replace("%(email)s", link)


def _html(text: Promise, contact_email: str) -> str:
    return f"<p>{_text(text, contact_email)}</p>"


HOW = SitePageText(
    role=SitePageRole.HOW,
    slug="how-it-works",
    title=_("How it works"),
    body=(
        Paragraph(
            _(
                "Solidarity pairs members of parliaments and international assemblies with "
                "Belarusian political prisoners. As a symbolic godparent you follow one "
                "prisoner's case, write to them and speak up for them until they are free."
            )
        ),
        Heading(_("1. Sign up")),
        Paragraph(
            _(
                "Create an account with your email address, confirm it, then tell us your "
                "parliament and mandate. Members of a national parliament or of an international "
                "assembly (the European Parliament, PACE, the OSCE PA and others) may sign up, "
                "and so may their staff, who can act on their behalf."
            )
        ),
        Heading(_("2. We verify you")),
        Paragraph(
            _(
                "An organiser checks your mandate against your parliament's official list, your "
                "official email address or your web page. This usually takes a few working "
                "days. Until then nobody sees your name."
            )
        ),
        Heading(_("3. You receive an offer")),
        Paragraph(
            _(
                "The organisers propose a prisoner, taking into account your country, languages "
                "and interests. The offer shows the prisoner's public facts and why we think you "
                "are a good match. You accept or decline; declining is fine."
            )
        ),
        Heading(_("4. You act")),
        Bullets(
            (
                _(
                    "Write letters or postcards: the prisoner's address and advice on what to "
                    "write are on your page. Not every letter arrives, but each one shows the "
                    "prison administration that someone is watching."
                ),
                _(
                    "Ask the Belarusian embassy or your foreign ministry about the prisoner's "
                    "health and conditions."
                ),
                _("Raise the case in parliament: a question, a speech, a resolution."),
                _(
                    "Speak publicly: a statement, a post, an article, always within what the "
                    "family agreed to make public."
                ),
            )
        ),
        Heading(_("5. Tell us what you did")),
        Paragraph(
            _(
                "Log each letter and action on your page; it takes a minute. Human rights "
                "defenders use these records to follow the case, and the Congress of symbolic "
                "godparents reports what parliamentarians achieved together."
            )
        ),
        Paragraph(
            _(
                "Most godparents spend about an hour a month. We remind you of the prisoner's "
                "birthday and tell you when their situation changes."
            )
        ),
    ),
)

FAQ = SitePageText(
    role=SitePageRole.FAQ,
    slug="faq",
    title=_("Questions and answers"),
    body=(
        Heading(_("How much time does it take?")),
        Paragraph(
            _(
                "About an hour a month: a letter or a postcard, and from time to time an inquiry "
                "or a statement. There is no minimum; what matters is that the prisoner is not "
                "forgotten. You decide how many prisoners you support, and one is enough."
            )
        ),
        Heading(_("Is it safe for the prisoner?")),
        Paragraph(
            _(
                "We publish only what the prisoner's family agreed to, and human rights "
                "defenders check every fact before it appears. When a family does not want "
                "publicity, the case is not shown at all, and only a discreet godparent, who "
                "never speaks about it in public, may support that prisoner. Your page gives "
                "advice on what to write: no politics in letters, nothing the censors could use "
                "against the prisoner."
            )
        ),
        Heading(_("Can my staff help?")),
        Paragraph(
            _(
                "Yes. From your page you can invite assistants, who log letters and actions on "
                "your behalf. You remain the godparent, and you can end their access at any time."
            )
        ),
        Heading(_("What if the prisoner is released or deported?")),
        Paragraph(
            _(
                "Then the godparenthood ends and we tell you. Many former prisoners are glad to "
                "hear from their godparents; if they wish it, the organisers put you in touch. "
                "You can then support another prisoner."
            )
        ),
        Heading(_("Do I need to read Russian or Belarusian?")),
        Paragraph(
            _(
                "No. This site is in English, Belarusian and Russian. Letters in Russian or "
                "Belarusian are the most likely to pass the prison censors, so many godparents "
                "send a short, simple text with a translation; the organisers can help you with "
                "it, and with the replies."
            )
        ),
        Heading(_("Who verifies me, and who sees my name?")),
        Paragraph(
            _(
                "An organiser of the programme checks your mandate in public sources before any "
                "offer is made. Your name is shown publicly only if you agree to be listed; you "
                "may also remain discreet. The privacy policy says what we keep and why."
            )
        ),
        Heading(_("Can I stop?")),
        Paragraph(
            _(
                "Yes, at any time, from your page. You can also download your data and delete "
                "your account there."
            )
        ),
    ),
)

ABOUT = SitePageText(
    role=SitePageRole.ABOUT,
    slug="about",
    title=_("About us"),
    body=(
        Paragraph(
            _(
                "Solidarity is the platform of the programme of symbolic godparents for "
                "Belarusian political prisoners, run by the Alliance of Parliamentary Groups "
                "“For a Democratic Belarus” together with Belarusian human rights defenders."
            )
        ),
        Heading(_("Who does what")),
        Bullets(
            (
                _(
                    "Human rights defenders keep the prisoners' records: they gather facts from "
                    "families, lawyers and public sources, check them, and decide with the "
                    "families what may be published."
                ),
                _(
                    "The programme's organisers verify parliamentarians, propose the matches and "
                    "prepare the reports for the Congress of symbolic godparents."
                ),
                _("Parliamentarians, as godparents, write, ask and speak up."),
            )
        ),
        Heading(_("Why it matters")),
        Paragraph(
            _(
                "More than a thousand people are imprisoned in Belarus for political reasons. "
                "Letters and public attention from abroad tell them that they are not "
                "forgotten, and tell the authorities that someone is watching how they are "
                "treated."
            )
        ),
        Heading(_("Independence")),
        Paragraph(
            _(
                "The programme is open to parliamentarians of every democratic political family. "
                "The platform does not collect money and shows no advertising."
            )
        ),
    ),
)

CONTACT = SitePageText(
    role=SitePageRole.CONTACT,
    slug="contact",
    title=_("Contact"),
    body=(
        Paragraph(
            _(
                "Write to the programme team at %(email)s. We answer in English, Belarusian or "
                "Russian, usually within two working days."
            )
        ),
        Heading(_("Parliamentarians and their staff")),
        Paragraph(
            _(
                "Questions about signing up, verification, an offer or your prisoner: write from "
                "your official address if you can, so that we recognise you."
            )
        ),
        Heading(_("Families and human rights defenders")),
        Paragraph(
            _(
                "To correct a fact on a profile, or to withdraw consent to publication, write to "
                "us: we take a profile down as soon as we have confirmed the request."
            )
        ),
        Heading(_("Your safety")),
        Paragraph(
            _(
                "If you are in Belarus, think of your own safety before you contact us: use an "
                "address and a device that cannot be linked to you."
            )
        ),
    ),
)

PRIVACY = SitePageText(
    role=SitePageRole.PRIVACY,
    slug="privacy",
    title=_("Privacy policy"),
    body=(
        Paragraph(
            _(
                "This policy explains which personal data Solidarity processes, why, for how "
                "long, and what your rights are."
            )
        ),
        Heading(_("Who is responsible")),
        Paragraph(
            _(
                "The controller is the organiser of the programme (see About us). Write to "
                "%(email)s about anything in this policy."
            )
        ),
        Heading(_("What we process")),
        Bullets(
            (
                _(
                    "About political prisoners: name, date of birth, status, sentence, place of "
                    "detention and the case. This reveals political opinions and concerns "
                    "criminal proceedings: special categories of data under Article 9 of the "
                    "GDPR, and data under its Article 10."
                ),
                _(
                    "About parliamentarians and their staff: name, email address, parliament, "
                    "mandate, languages, political group if you give it, and the letters and "
                    "actions you log. Your political group reveals political opinions, a special "
                    "category too."
                ),
                _(
                    "Technical data: a session cookie that keeps you signed in and a language "
                    "cookie. No advertising and no tracking."
                ),
            )
        ),
        Heading(_("Why, and on what legal basis")),
        Paragraph(
            _(
                "Prisoners' data is processed to defend their human rights: in the legitimate "
                "and public interest (Article 6(1)(e) and (f) GDPR), by a not-for-profit body "
                "with a political aim (Article 9(2)(d)), for data the person has made public "
                "(Article 9(2)(e)), and with the family's explicit consent for everything that "
                "is published (Article 9(2)(a)). Information about criminal proceedings is "
                "limited to what is needed to defend the person concerned."
            )
        ),
        Paragraph(
            _(
                "Parliamentarians' data is processed to run the programme you joined (Article "
                "6(1)(b)) and, for your political group and public listing, with your explicit "
                "consent (Article 9(2)(a)), which you can withdraw at any time."
            )
        ),
        Heading(_("What is public, and what is never published")),
        Paragraph(
            _(
                "Public: for a prisoner whose family agreed, the name, status, sentence and "
                "place of detention, and, with full consent, a photo and a story; for a "
                "godparent who agreed to be listed, the name, country, parliament and the "
                "prisoners supported."
            )
        ),
        Paragraph(
            _(
                "Never published: prisoners' health, family contacts and the defenders' internal "
                "notes; any case whose family did not agree; the names of discreet godparents; "
                "email addresses."
            )
        ),
        Heading(_("Who can see what")),
        Paragraph(
            _(
                "Restricted information is seen only by the human rights defenders and "
                "organisers who need it, and every opening is recorded. Staff accounts are "
                "protected by a second factor. We neither sell nor share personal data; emails "
                "are sent through our email provider."
            )
        ),
        Heading(_("How long we keep it")),
        Paragraph(
            _(
                "Your data is kept while your account exists. When you delete your account we "
                "erase at once your name, contacts, mandate, notes and files; only the count of "
                "your parliament's participation and the kind and date of your actions remain, "
                "so that the programme's figures stay true. A prisoner's profile is taken down "
                "as soon as the family withdraws consent; records are kept while the case needs "
                "following."
            )
        ),
        Heading(_("Your rights")),
        Bullets(
            (
                _(
                    "Export: on your page, “Download your data (JSON)” gives you everything we "
                    "hold about you."
                ),
                _(
                    "Erasure: on the same page, “Delete your account” erases your data; you can "
                    "also write to us."
                ),
                _(
                    "Access, correction, restriction and objection: write to %(email)s; we "
                    "answer within one month."
                ),
                _("You may complain to the data protection authority of your country."),
            )
        ),
    ),
)

SITE_PAGES = (HOW, FAQ, ABOUT, CONTACT, PRIVACY)
