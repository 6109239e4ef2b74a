"""The directory of host organisations, their sites, contacts, tutors and peer workers, in the Wagtail admin.

Placements are not edited here: their status only moves through the workflow (the placement pages).
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from internships.models import HostContact, HostOrganisation, HostSite, HostTeamPeer, Tutor


class HostOrganisationViewSet(ModelViewSet):
    model = HostOrganisation
    url_prefix = "internships/hostorganisation"
    icon = "site"
    menu_label = _("Host organisations")
    form_fields = ["name", "siret", "kind", "address"]
    list_display = ["name", "kind", "siret"]
    list_filter = ["kind"]
    search_fields = ["name", "siret"]
    copy_view_enabled = False


class HostSiteViewSet(ModelViewSet):
    model = HostSite
    url_prefix = "internships/hostsite"
    icon = "home"
    menu_label = _("Sites")
    form_fields = ["host", "name", "address"]
    list_display = ["name", "host"]
    search_fields = ["name"]
    copy_view_enabled = False


class HostContactViewSet(ModelViewSet):
    model = HostContact
    url_prefix = "internships/hostcontact"
    icon = "mail"
    menu_label = _("Contacts")
    form_fields = ["host", "name", "role", "email", "phone"]
    list_display = ["name", "role", "host", "email"]
    search_fields = ["name", "email"]
    copy_view_enabled = False


class TutorViewSet(ModelViewSet):
    model = Tutor
    url_prefix = "internships/tutor"
    icon = "user"
    menu_label = _("Tutors")
    form_fields = ["host", "name", "email", "role", "is_peer_worker", "user"]
    list_display = ["name", "role", "host", "is_peer_worker"]
    list_filter = ["is_peer_worker"]
    search_fields = ["name", "email"]
    copy_view_enabled = False


class HostTeamPeerViewSet(ModelViewSet):
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
