from django.urls import path

from ambassadors import views

app_name = "ambassadors"

urlpatterns = [
    path("ambassadors/", views.wall, name="wall"),
    path("ambassadors/declaration/", views.declaration, name="declaration"),
    path("ambassadors/declaration/sign/", views.sign, name="sign"),
    path("ambassadors/confirm/<str:token>/", views.confirm, name="confirm"),
    path("ambassadors/office/<str:token>/", views.reconfirm, name="reconfirm"),
    path("ambassadors/my-signatures/", views.my_signatures, name="my-signatures"),
    path("ambassadors/my-signatures/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("ambassadors/my-signatures/<int:pk>/resend/", views.resend_confirmation, name="resend-confirmation"),
    path("ambassadors/my-signatures/<int:pk>/certificate/", views.certificate, name="certificate"),
    path("ambassadors/verify/", views.verify_lookup, name="verify-lookup"),
    path("ambassadors/verify/<str:code>/", views.verify, name="verify"),
]
