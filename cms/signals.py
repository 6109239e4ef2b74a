from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, ReferenceIndex, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.models import LessonPage, outline_changed
from cms.templatetags.cms_userbar import admin_access_changed


@receiver(page_published, sender=LessonPage, dispatch_uid="cms_lesson_references_now")
def index_lesson_references_on_publish(sender, instance, **kwargs):
    """Documents are served according to the lessons that use them (see the access policy): record a published
    lesson's references at once rather than when the background worker gets to it, so that a file moved from an
    open lesson to one not open yet is never served in between."""
    ReferenceIndex.create_or_update_for_object(instance)


def _page_changed(sender, instance=None, **kwargs):
    if isinstance(instance, Page):
        outline_changed()


# The lesson pages' cached outline (cms.models.lesson_outline) is forgotten whenever a page changes.
post_save.connect(_page_changed, dispatch_uid="cms_outline_saved")
# With a sender, or every model would lose Django's fast delete (a receiver makes it read rows before deleting them).
post_delete.connect(_page_changed, sender=Page, dispatch_uid="cms_outline_deleted")
page_published.connect(_page_changed, dispatch_uid="cms_outline_published")
page_unpublished.connect(_page_changed, dispatch_uid="cms_outline_unpublished")
post_page_move.connect(_page_changed, dispatch_uid="cms_outline_moved")


def _kept_with_the_outline_changed(sender, **kwargs):
    outline_changed()


# The lesson pages' view restrictions (cms.models.LessonPage.get_view_restrictions) and the pages' URLs, which
# depend on the sites (cms.models.with_urls), are kept with the outline too.
for _model in (PageViewRestriction, Site):
    post_save.connect(
        _kept_with_the_outline_changed, sender=_model, dispatch_uid=f"cms_outline_{_model.__name__}_saved"
    )
    post_delete.connect(
        _kept_with_the_outline_changed, sender=_model, dispatch_uid=f"cms_outline_{_model.__name__}_deleted"
    )


def _rights_changed(sender, **kwargs):
    admin_access_changed()


# Who sees Wagtail's user bar (cms.templatetags.cms_userbar) is asked again after any change of rights.
User = get_user_model()
m2m_changed.connect(_rights_changed, sender=User.groups.through, dispatch_uid="cms_userbar_groups")
m2m_changed.connect(_rights_changed, sender=User.user_permissions.through, dispatch_uid="cms_userbar_user_perms")
m2m_changed.connect(_rights_changed, sender=Group.permissions.through, dispatch_uid="cms_userbar_group_perms")
post_save.connect(_rights_changed, sender=User, dispatch_uid="cms_userbar_user_saved")
