"""Replace Wagtail's welcome page with the platform's home page, and point the default site at it."""

from django.db import migrations

INTRO = (
    "<p>Cette plateforme accompagne les diplômes universitaires qui forment les pairs-aidants en santé "
    "mentale : la candidature, la formation, le stage et la validation finale, au même endroit.</p>"
)


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("cms.HomePage")
    Locale = apps.get_model("wagtailcore.Locale")

    Page.objects.filter(depth=2, slug="home", content_type__app_label="wagtailcore").delete()
    homepage_ct, _ = ContentType.objects.get_or_create(model="homepage", app_label="cms")
    locale = Locale.objects.order_by("pk").first()
    homepage = HomePage.objects.create(
        title="Se former à la pair-aidance en santé mentale",
        draft_title="Se former à la pair-aidance en santé mentale",
        slug="home",
        content_type=homepage_ct,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        intro=INTRO,
        locale=locale,
        live=True,
    )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page_id": homepage.pk, "site_name": "Pair-aidance", "port": 80},
    )


def remove_homepage(apps, schema_editor):
    apps.get_model("cms.HomePage").objects.filter(slug="home", depth=2).delete()


class Migration(migrations.Migration):
    run_before = []
    dependencies = [
        ("cms", "0001_initial"),
        ("wagtailcore", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
