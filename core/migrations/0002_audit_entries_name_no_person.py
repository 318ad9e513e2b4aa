"""Audit entries about accounts and affiliations name them by number, never by the person's name or address
(accounts.models.User.audit_label, Affiliation.audit_label), so that deleting an account needs to edit none."""

from django.db import migrations


def name_no_person(apps, schema_editor):
    ActionLog = apps.get_model("core", "ActionLog")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model, label in (("user", "account"), ("affiliation", "affiliation")):
        content_type = ContentType.objects.filter(app_label="accounts", model=model).first()
        if content_type is None:
            continue
        entries = ActionLog.objects.filter(content_type=content_type)
        for object_id in entries.values_list("object_id", flat=True).distinct().iterator():
            entries.filter(object_id=object_id).update(object_repr=f"{label} #{object_id}")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(name_no_person, migrations.RunPython.noop)]
