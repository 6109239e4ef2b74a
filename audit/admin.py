from django.contrib import admin

from audit.models import AccessRecord


@admin.register(AccessRecord)
class AccessRecordAdmin(admin.ModelAdmin):
    """Read-only: the log is written by the views that show the data, never by hand."""

    list_display = ["at", "reader", "person", "kind", "detail"]
    list_filter = ["kind"]
    search_fields = ["reader__email", "person__email"]
    list_select_related = ["reader", "person"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
