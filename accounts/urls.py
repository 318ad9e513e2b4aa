from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/affiliations/new/", views.affiliation_request, name="affiliation-request"),
    path("profile/affiliations/<int:pk>/withdraw/", views.affiliation_withdraw, name="affiliation-withdraw"),
    path("profile/mail-language/", views.mail_language, name="mail-language"),
    path("profile/data.json", views.data_export, name="data-export"),
    path("profile/delete/", views.account_delete, name="delete"),
]
