from django.db.models.signals import post_save
from django.dispatch import receiver

from cms.models import ProgrammePage
from cms.services import programme_editorial_setup


@receiver(post_save, sender=ProgrammePage, dispatch_uid="cms_programme_editorial_setup")
def give_new_programme_its_authors_group(sender, instance, created, raw=False, **kwargs):
    """Every programme has its authors group and collection from the moment it exists."""
    if created and not raw:
        programme_editorial_setup(programme=instance)
