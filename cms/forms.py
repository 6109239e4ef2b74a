"""The Wagtail document form of the project: lesson files pass the same upload gate as every other upload."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.forms import BaseDocumentForm

from core.uploads import DOCUMENT_KINDS, MEDIA_KINDS, UploadRefused, check_upload


class LessonDocumentForm(BaseDocumentForm):
    """Used for every document upload of the admin (single, multiple, from a chooser) via
    ``WAGTAILDOCS_DOCUMENT_FORM_BASE``. The stored name stays the readable one Wagtail derives (it is also the name
    learners download the file under); the gate makes sure its extension is that of the content."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):
            try:
                check_upload(file, allowed=(*DOCUMENT_KINDS, *MEDIA_KINDS))
            except UploadRefused as exc:
                raise forms.ValidationError(str(exc), code="upload_refused") from exc
        return file
