"""The one WeasyPrint helper: a template rendered to PDF bytes, with the same fonts and base URL everywhere.

Official documents (attestations, agreements, letters) pass `language="fr"` so that they come out in French
whatever the reader's interface language.
"""

from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

# Fonts that carry every French letter; on `html` so that a template setting its own font still wins.
# Steps of a PDF's progress: the page's HTML, the layout, the file written.
PDF_STEPS = 3
BASE_CSS = "html { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; }"


def base_url() -> str:
    """Where relative links in a PDF template (images, style sheets) are looked up when no request is at hand."""
    return settings.BASE_DIR.as_uri() + "/"


def may_fetch(url: str) -> bool:
    """What a PDF may load: inline `data:` resources and the project's own static files, nothing else.

    A PDF is rendered from text people typed (names, narratives); should markup ever slip through a template,
    it must not make the server read one of its files or call an address of its network (SSRF), nor call the
    site itself back through `base_url`.
    """
    if url.startswith("data:"):
        return True
    if not url.startswith("file:"):
        return False
    path = Path(unquote(urlsplit(url).path)).resolve()
    roots = [Path(settings.BASE_DIR, "static").resolve(), Path(settings.STATIC_ROOT).resolve()]
    return any(path.is_relative_to(root) for root in roots)


def _url_fetcher():
    from weasyprint.urls import URLFetcher  # lazy: as in html_to_pdf

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if not may_fetch(url):
                raise ValueError(f"PDF resource refused: {url[:80]}")
            return super().fetch(url, headers)

    return LocalOnlyFetcher()


def html_to_pdf(html: str, *, base: str | None = None, target=None, progress=None) -> bytes | None:
    """The PDF of `html`, as bytes, or written into `target` (a binary file) when given. `progress(done, total)`,
    when given, hears of the two long steps: the layout of the pages, then the writing of the file."""
    from weasyprint import CSS, HTML  # lazy: WeasyPrint (and Pango) load only when a PDF is built
    from weasyprint.text.fonts import FontConfiguration  # lazy: as above

    fonts = FontConfiguration()
    fetcher = _url_fetcher()
    document = HTML(string=html, base_url=base or base_url(), url_fetcher=fetcher).render(
        stylesheets=[CSS(string=BASE_CSS, font_config=fonts, url_fetcher=fetcher)], font_config=fonts
    )
    if progress is not None:
        progress(PDF_STEPS - 1, PDF_STEPS)
    return document.write_pdf(target)


def render_pdf(
    template: str,
    context: dict,
    *,
    base_url: str | None = None,
    language: str | None = None,
    request=None,
    target=None,
    progress=None,
) -> bytes | None:
    """`template` rendered with `context`, as PDF bytes (or written into `target`, see `html_to_pdf`)."""
    if language:
        with translation.override(language):
            html = render_to_string(template, context, request=request)
    else:
        html = render_to_string(template, context, request=request)
    if progress is not None:
        progress(1, PDF_STEPS)
    return html_to_pdf(html, base=base_url, target=target, progress=progress)
