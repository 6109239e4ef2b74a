"""The page tree's fixed rows, made after every migrate (and after a test flush), idempotently.

Wagtail makes its root page, root collection, locale and default site in data migrations, which a flush erases;
the platform's home page and its top-level review workflow come on top. Made here, from `post_migrate`, they
exist whenever the tables do.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, GroupApprovalTask, Locale, Page, Site, Workflow, WorkflowPage, WorkflowTask

from cms.models import HomePage
from cms.services import REVIEW_TASK_NAME, REVIEW_WORKFLOW_NAME

HOME_TITLE = "Se former à la pair-aidance en santé mentale"
HOME_INTRO = (
    "<p>Cette plateforme accompagne les diplômes universitaires qui forment les pairs-aidants en santé "
    "mentale : la candidature, la formation, le stage et la validation finale, au même endroit.</p>"
)


def ensure_page_tree(**kwargs) -> None:
    locale, _ = Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(
            title="Root", slug="root", locale=locale, content_type=ContentType.objects.get_for_model(Page)
        )
    home = HomePage.objects.filter(depth=2).first()
    if home is None:
        # Wagtail's welcome page, when its migration made one, gives way to the platform's home page.
        Page.objects.filter(depth=2, slug="home", content_type__app_label="wagtailcore").delete()
        root.refresh_from_db()
        home = root.add_child(
            instance=HomePage(title=HOME_TITLE, draft_title=HOME_TITLE, slug="home", intro=HOME_INTRO, locale=locale)
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Pair-aidance"
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save(update_fields=["root_page"])
    _ensure_top_review_workflow(home)


def _ensure_top_review_workflow(home: Page) -> None:
    """Pages outside any programme go through the top-level review (approved by superusers)."""
    task, _ = GroupApprovalTask.objects.get_or_create(name=REVIEW_TASK_NAME, defaults={"active": True})
    workflow, created = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW_NAME, defaults={"active": True})
    if created or not WorkflowTask.objects.filter(workflow=workflow).exists():
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.get_or_create(page=home, defaults={"workflow": workflow})
