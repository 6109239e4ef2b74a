from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import ReferenceIndex
from wagtail.signals import page_published

from cms.models import LessonPage, ProgrammePage
from cms.services import programme_editorial_setup


@receiver(post_save, sender=ProgrammePage, dispatch_uid="cms_programme_editorial_setup")
def give_new_programme_its_authors_group(sender, instance, created, raw=False, **kwargs):
    """Every programme has its authors and coordinators groups, collection and review from the moment it exists."""
    if created and not raw:
        programme_editorial_setup(programme=instance)


@receiver(page_published, sender=LessonPage, dispatch_uid="cms_lesson_references_now")
def index_lesson_references_on_publish(sender, instance, **kwargs):
    """Documents are served according to the lessons that use them (see the access policy): record a published
    lesson's references at once rather than when the background worker gets to it, so that a file moved from an
    open lesson to one not open yet is never served in between."""
    ReferenceIndex.create_or_update_for_object(instance)
