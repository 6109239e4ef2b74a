"""Coordinators get their rights per programme, like authors.

Each programme gets a coordinators group (page rights on its subtree, its documents) and its own review workflow
whose approval task belongs to that group. The generic "Coordinators" group keeps access to the admin but loses
its rights on the whole page tree, the root collection and the home page's approval task. The cohorts app fills
the new groups with the coordinators of each programme's cohorts.
"""

import django.db.models.deletion
from django.db import migrations, models

REVIEW_WORKFLOW_NAME = "Relecture par la coordination"
REVIEW_TASK_NAME = "Validation par la coordination"
PAGE_CODENAMES = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
DOCUMENT_CODENAMES = ("add_document", "change_document", "choose_document")


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ")}
    )
    return permission


def per_programme_coordination(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ProgrammePage = apps.get_model("cms", "ProgrammePage")
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    access_admin = _permission(apps, "wagtailadmin", "admin", "access_admin")
    page_permissions = [_permission(apps, "wagtailcore", "page", codename) for codename in PAGE_CODENAMES]
    document_permissions = [_permission(apps, "wagtaildocs", "document", codename) for codename in DOCUMENT_CODENAMES]
    task_ct, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")

    for programme in ProgrammePage.objects.all():
        label = f"{programme.title} ({programme.pk})"
        group = programme.coordinators_group
        if group is None:
            group, _ = Group.objects.get_or_create(name=f"Coordination · {label}"[:150])
        group.permissions.add(access_admin)
        page = Page.objects.get(pk=programme.pk)
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
        if programme.collection_id:
            for permission in document_permissions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection_id=programme.collection_id, permission=permission
                )
        if not WorkflowPage.objects.filter(page=page).exists():
            task = GroupApprovalTask.objects.create(
                name=f"{REVIEW_TASK_NAME} · {label}"[:255], content_type=task_ct, active=True
            )
            task.groups.add(group)
            workflow = Workflow.objects.create(name=f"{REVIEW_WORKFLOW_NAME} · {label}"[:255], active=True)
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
            WorkflowPage.objects.create(page=page, workflow=workflow)
        ProgrammePage.objects.filter(pk=programme.pk).update(coordinators_group=group)

    coordinators = Group.objects.filter(name="Coordinators").first()
    if coordinators is not None:
        GroupPagePermission.objects.filter(group=coordinators).delete()
        GroupCollectionPermission.objects.filter(group=coordinators).delete()
        for task in GroupApprovalTask.objects.filter(groups=coordinators):
            task.groups.remove(coordinators)


def whole_tree_coordination(apps, schema_editor):
    """Going back: the generic group gets its rights on the whole tree again (the per-programme rows stay)."""
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    coordinators = Group.objects.filter(name="Coordinators").first()
    home = Page.objects.filter(depth=2).order_by("path").first()
    if coordinators is None or home is None:
        return
    for codename in PAGE_CODENAMES:
        GroupPagePermission.objects.get_or_create(
            group=coordinators, page=home, permission=_permission(apps, "wagtailcore", "page", codename)
        )
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for codename in DOCUMENT_CODENAMES:
            GroupCollectionPermission.objects.get_or_create(
                group=coordinators,
                collection=root_collection,
                permission=_permission(apps, "wagtaildocs", "document", codename),
            )
    for task in GroupApprovalTask.objects.filter(name=REVIEW_TASK_NAME):
        task.groups.add(coordinators)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("cms", "0004_editorial_workflow"),
    ]

    operations = [
        migrations.AddField(
            model_name="programmepage",
            name="coordinators_group",
            field=models.OneToOneField(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="coordinated_programme",
                to="auth.group",
            ),
        ),
        migrations.RunPython(per_programme_coordination, whole_tree_coordination),
    ]
