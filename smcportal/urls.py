from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from core import views as core_views
from portal import views as portal_views
from smcportal.env import env_bool

# The admin's own login would bypass allauth's rate limits and MFA: send it through allauth.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", portal_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon),
    path("robots.txt", core_views.robots_txt),
    path("", include("cities.urls")),
    path("", include("topics.urls")),
    path("", include("accounts.urls")),
    path("", include("ambassadors.urls")),
    path("", include("projects.urls")),
    path("", include("portal.urls")),
    path("", include("core.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if env_bool("BENCHMARK_FLOOR", False):
    urlpatterns.append(path("bench/floor", core_views.floor))
handler403 = "core.views.permission_denied"
