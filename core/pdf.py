"""The one WeasyPrint helper: a template rendered to PDF bytes, with the same fonts and base URL everywhere.

Official documents (attestations, agreements, letters) pass `language="fr"` so that they come out in French
whatever the reader's interface language.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

# Fonts that carry every French letter; on `html` so that a template setting its own font still wins.
BASE_CSS = "html { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; }"


def base_url() -> str:
    """Where relative links in a PDF template (images, style sheets) are looked up when no request is at hand."""
    return settings.BASE_DIR.as_uri() + "/"


def html_to_pdf(html: str, *, base: str | None = None) -> bytes:
    from weasyprint import CSS, HTML  # lazy: WeasyPrint (and Pango) load only when a PDF is built
    from weasyprint.text.fonts import FontConfiguration  # lazy: as above

    fonts = FontConfiguration()
    return HTML(string=html, base_url=base or base_url()).write_pdf(
        stylesheets=[CSS(string=BASE_CSS, font_config=fonts)], font_config=fonts
    )


def render_pdf(
    template: str, context: dict, *, base_url: str | None = None, language: str | None = None, request=None
) -> bytes:
    """`template` rendered with `context`, as PDF bytes."""
    if language:
        with translation.override(language):
            html = render_to_string(template, context, request=request)
    else:
        html = render_to_string(template, context, request=request)
    return html_to_pdf(html, base=base_url)
