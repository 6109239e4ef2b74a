from django.dispatch import receiver
from wagtail.models import ReferenceIndex
from wagtail.signals import page_published

from cms.models import LessonPage


@receiver(page_published, sender=LessonPage, dispatch_uid="cms_lesson_references_now")
def index_lesson_references_on_publish(sender, instance, **kwargs):
    """Documents are served according to the lessons that use them (see the access policy): record a published
    lesson's references at once rather than when the background worker gets to it, so that a file moved from an
    open lesson to one not open yet is never served in between."""
    ReferenceIndex.create_or_update_for_object(instance)
