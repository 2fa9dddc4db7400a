"""Part 4(c)'s contact block, the HTML edition's accessibility statement and the formats published.

The contact details come from the ``contact:`` setting; the formats listed are
those this build makes (``formats``, ``languages``, the bilingual edition), so
the report never offers a format that was not produced.  The accessibility
statement is standard wording and belongs to the web page only.
"""

from __future__ import annotations

from markupsafe import Markup

from dirreport.assemble.blocks import md, visible
from dirreport.config.settings import Config
from dirreport.lang.i18n import N_, _

FORMAT_NAMES = {
    "html": N_("a web page (HTML), which works with screen readers and can be enlarged"),
    "pdf": N_("a PDF document, for printing"),
    "docx": N_("a Word document, which you can change to suit you, for example to a larger type size"),
}
WELSH_LINE = N_("We welcome correspondence in Welsh. We will answer in Welsh, and this will not lead to a delay.")


def contact_block(config: Config, lang: str) -> Markup:
    """Everything 4(c) adds after its narrative: contact, accessibility statement (HTML), formats."""
    parts = [contact_details(config, lang), accessibility_statement(config, lang), formats_available(config, lang)]
    return Markup("\n\n".join(p for p in parts if p))


def contact_details(config: Config, lang: str, level: int = 3) -> str:
    """Phone, email, address and website under a "Contact us" heading (level 3 in part 4(c), 1 in a summary)."""
    contact = config.contact
    if contact is None:
        return ""
    labels = {
        "phone": _("Phone", lang),
        "email": _("Email", lang),
        "address": _("Address", lang),
        "website": _("Website", lang),
    }
    rows = []
    if contact.phone:
        rows.append(f"{labels['phone']}: [{md(contact.phone)}](tel:{contact.phone.replace(' ', '')})")
    if contact.email:
        rows.append(f"{labels['email']}: [{md(contact.email)}](mailto:{contact.email})")
    if contact.address is not None:
        rows.append(f"{labels['address']}: {md(contact.address(lang))}")
    if contact.website:
        rows.append(f"{labels['website']}: [{md(contact.website)}]({contact.website})")
    welsh = contact.welsh(lang) if contact.welsh is not None else _(WELSH_LINE, lang)
    title = _("Contact us", lang)
    heading = f"{'#' * level} {title} {{#sec-contact-{lang}}}"
    body = "::: {.contact}\n" + "\\\n".join(rows) + "\n:::" if rows else ""
    return "\n\n".join(x for x in (heading, body, md(welsh)) if x)


def accessibility_statement(config: Config, lang: str) -> str:
    """Standard wording for the web page only: what it meets, other formats, how to report a problem."""
    if "html" not in config.formats:
        return ""
    how = (
        _("contact us using the details above", lang) if config.contact is not None else _("contact the council", lang)
    )
    title = _("Accessibility statement", lang)
    heading = f"### {title} {{#sec-accessibility-{lang}}}"
    other_format = _(
        "If you need this report in another format, such as large print, easy read, audio or Braille, {how}. "
        "We will consider your request and reply within 10 working days.",
        lang,
        how=how,
    )
    web = [
        _(
            "This statement applies to the web page of this report. We want as many people as possible to be "
            "able to use it. You should be able to change colours, contrast levels and fonts, zoom in up to 400% "
            "without the text spilling off the screen, move around the page using just a keyboard or speech "
            "recognition software, and listen to it using a screen reader.",
            lang,
        ),
        _(
            "This page aims to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at level AA. "
            "Every chart has a text description and its figures are in a table. The page is tested with "
            "automated accessibility checks before it is published.",
            lang,
        ),
        other_format,
        _(
            "If you find a problem with this page, or think we are not meeting the accessibility requirements, {how}.",
            lang,
            how=how,
        ),
        _(
            "The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies "
            "(Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018. If you are not happy with "
            "how we respond to your complaint, contact the Equality Advisory and Support Service (EASS).",
            lang,
        ),
    ]
    printed = [
        _(
            "The web page of this report has an accessibility statement: how accessible it is, and how to "
            "report a problem.",
            lang,
        ),
        other_format,
    ]
    # the same heading in every format (a reader's contents and bookmarks match); the statement is the web page's
    return "\n\n".join(
        [
            heading,
            visible("html", "\n\n".join(md(p) for p in web)),
            visible("typst,docx", "\n\n".join(md(p) for p in printed)),
        ]
    )


def formats_available(config: Config, lang: str) -> str:
    """The formats and language editions this build publishes, and nothing else."""
    if set(config.languages) == {"en", "cy"}:
        languages = _("This report is published in Welsh and in English, with equal standing, as:", lang)
    elif "cy" in config.languages:
        languages = _("This report is published in Welsh as:", lang)
    else:
        languages = _("This report is published in English as:", lang)
    items = [f"- {md(_(FORMAT_NAMES[f], lang))}" for f in config.formats]
    title = _("Formats of this report", lang)
    lines = [f"### {title} {{#sec-formats-{lang}}}", md(languages), "\n".join(items)]
    if "bilingual" in config.editions:
        lines.append(md(_("There is also a bilingual edition, with the Welsh and English side by side.", lang)))
    if config.summary.enabled:
        lines.append(md(_("A short summary of the report, in plain language, is published in the same formats.", lang)))
    lines.append(md(_("The figures behind the charts are published with it as a spreadsheet and as CSV files.", lang)))
    return "\n\n".join(lines)
