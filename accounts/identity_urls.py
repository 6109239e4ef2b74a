"""allauth's pages under /compte/, with French addresses; allauth's URL names (account_login...) are kept.

The list is allauth's own (so that a page allauth adds in an upgrade is there too), each route translated when
this table knows it. The e-mail confirmation page is the project's subclass (accounts.views.ConfirmEmailView).
"""

from allauth.account import urls as account_urls
from django.urls import URLPattern, include, path, re_path

from accounts import views

FRENCH_ROUTES = {
    "login/": "connexion/",
    "logout/": "deconnexion/",
    "inactive/": "compte-inactif/",
    "signup/": "inscription/",
    "reauthenticate/": "confirmer-mon-identite/",
    "email/": "adresse-e-mail/",
    "confirm-email/": "adresse-e-mail/verification/",
    "password/change/": "mot-de-passe/changer/",
    "password/set/": "mot-de-passe/choisir/",
    "password/reset/": "mot-de-passe/oublie/",
    "password/reset/done/": "mot-de-passe/oublie/envoye/",
    "password/reset/key/done/": "mot-de-passe/nouveau/enregistre/",
    r"^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": (
        r"^mot-de-passe/nouveau/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$"
    ),
    r"^confirm-email/(?P<key>[-:\w]+)/$": r"^adresse-e-mail/verification/(?P<key>[-:\w]+)/$",
}
OWN_VIEWS = {"account_confirm_email": views.confirm_email}


def _french(pattern: URLPattern) -> URLPattern:
    route = str(pattern.pattern)
    view = OWN_VIEWS.get(pattern.name, pattern.callback)
    french = FRENCH_ROUTES.get(route, route)
    make = re_path if route.startswith("^") else path
    return make(french, view, name=pattern.name)


urlpatterns = [_french(pattern) for pattern in account_urls.urlpatterns if isinstance(pattern, URLPattern)] + [
    path("second-facteur/", include("allauth.mfa.urls")),
]
