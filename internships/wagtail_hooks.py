"""The directory of host organisations, their sites, contacts, tutors and peer workers, in the Wagtail admin.

Placements are not edited here: their status only moves through the workflow (the placement pages).
Each coordinator sees and edits the organisations of their programmes (see `hosts_visible_to`), and what
hangs on them; the lists, the edit and delete pages and the "host" choice of the forms are all scoped.
"""

from django.contrib.admin.utils import unquote
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from internships.models import HostContact, HostOrganisation, HostSite, HostTeamPeer, Tutor
from internships.selectors import hosts_visible_to


class ScopedObjectMixin:
    """One row's page (its history, its usage): the coordinator's programmes only, else 404."""

    def scoped(self):
        hosts = hosts_visible_to(user=self.request.user)
        if self.model is HostOrganisation:
            return self.model._default_manager.filter(pk__in=hosts.values("pk"))
        return self.model._default_manager.filter(host__in=hosts)

    def get_base_object_queryset(self):
        return self.scoped()


class ScopedMixin(ScopedObjectMixin):
    """Rows of the coordinator's programmes only; another programme's row answers "not found"."""

    def get_queryset(self):
        return self.scoped()

    def get_base_queryset(self):
        return self.scoped()

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        if "host" in form.fields:
            form.fields["host"].queryset = hosts_visible_to(user=self.request.user)
        return form


class ScopedIndexView(ScopedMixin, generic.IndexView):
    pass


class ScopedCreateView(ScopedMixin, generic.CreateView):
    pass


class ScopedEditView(ScopedMixin, generic.EditView):
    pass


class ScopedDeleteView(ScopedMixin, generic.DeleteView):
    pass


class ScopedInspectView(ScopedMixin, generic.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(self.scoped(), pk=unquote(str(self.pk)))


class ScopedHistoryView(ScopedObjectMixin, history.HistoryView):
    pass


class ScopedUsageView(ScopedObjectMixin, usage.UsageView):
    pass


class ScopedViewSet(ModelViewSet):
    index_view_class = ScopedIndexView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    add_view_class = ScopedCreateView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    inspect_view_class = ScopedInspectView


class HostOrganisationViewSet(ScopedViewSet):
    model = HostOrganisation
    url_prefix = "internships/hostorganisation"
    icon = "site"
    menu_label = _("Host organisations")
    form_fields = ["name", "siret", "kind", "address"]
    list_display = ["name", "kind", "siret"]
    list_filter = ["kind"]
    search_fields = ["name", "siret"]
    copy_view_enabled = False


class HostSiteViewSet(ScopedViewSet):
    model = HostSite
    url_prefix = "internships/hostsite"
    icon = "home"
    menu_label = _("Sites")
    form_fields = ["host", "name", "address"]
    list_display = ["name", "host"]
    search_fields = ["name"]
    copy_view_enabled = False


class HostContactViewSet(ScopedViewSet):
    model = HostContact
    url_prefix = "internships/hostcontact"
    icon = "mail"
    menu_label = _("Contacts")
    form_fields = ["host", "name", "role", "email", "phone"]
    list_display = ["name", "role", "host", "email"]
    search_fields = ["name", "email"]
    copy_view_enabled = False


class TutorViewSet(ScopedViewSet):
    model = Tutor
    url_prefix = "internships/tutor"
    icon = "user"
    menu_label = _("Tutors")
    form_fields = ["host", "name", "email", "role", "is_peer_worker", "user"]
    list_display = ["name", "role", "host", "is_peer_worker"]
    list_filter = ["is_peer_worker"]
    search_fields = ["name", "email"]
    copy_view_enabled = False


class HostTeamPeerViewSet(ScopedViewSet):
    model = HostTeamPeer
    url_prefix = "internships/hostteampeer"
    icon = "group"
    menu_label = _("Peer workers in host teams")
    form_fields = ["host", "site", "name", "role", "active"]
    list_display = ["name", "role", "host", "active"]
    list_filter = ["active"]
    search_fields = ["name"]
    copy_view_enabled = False


class InternshipDirectoryGroup(ModelViewSetGroup):
    menu_label = _("Internship directory")
    menu_icon = "site"
    menu_order = 300
    items = (HostOrganisationViewSet, HostSiteViewSet, HostContactViewSet, TutorViewSet, HostTeamPeerViewSet)


@hooks.register("register_admin_viewset")
def register_directory():
    return InternshipDirectoryGroup()
