"""“Download my data”: who read the person's data (see accounts.personal_data)."""

from django.utils.translation import gettext as _

from accounts.personal_data import DataSection
from audit.models import AccessRecord


def sections(user) -> list[DataSection]:
    reads = AccessRecord.objects.filter(person=user).select_related("reader").order_by("at", "pk")
    return [
        DataSection(
            key="audit.reads",
            title=_("Who read your data"),
            records=[
                {
                    "at": record.at,
                    "reader": (record.reader.full_name or record.reader.email) if record.reader else "",
                    "what": str(record.get_kind_display()),
                    "detail": record.detail,
                }
                for record in reads
            ],
        )
    ]
