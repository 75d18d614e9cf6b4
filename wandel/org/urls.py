from django.urls import path

from wandel.org import views

app_name = "org"

urlpatterns = [
    path("units/", views.unit_list, name="unit_list"),
    path("units/new/", views.unit_create, name="unit_create"),
    path("units/<id:pk>/", views.unit_detail, name="unit_detail"),
    path("units/<id:pk>/edit/", views.unit_edit, name="unit_edit"),
    path("people/", views.person_list, name="person_list"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<id:pk>/", views.person_detail, name="person_detail"),
    path("people/<id:pk>/edit/", views.person_edit, name="person_edit"),
    path("people/<id:pk>/roles/", views.person_role_assign, name="person_role_assign"),
    path("people/<id:pk>/account/", views.person_account_create, name="person_account_create"),
    path("roles/<id:pk>/end/", views.role_end_view, name="role_end"),
    path("import/", views.import_page, name="import"),
    path("import/template/<str:kind>.<str:fmt>", views.import_template, name="import_template"),
    path("stakeholders/", views.stakeholder_list, name="stakeholder_list"),
    path("stakeholders/new/", views.stakeholder_create, name="stakeholder_create"),
    path("stakeholders/<id:pk>/", views.stakeholder_detail, name="stakeholder_detail"),
    path("stakeholders/<id:pk>/edit/", views.stakeholder_edit, name="stakeholder_edit"),
    path("stakeholders/<id:pk>/concerns/", views.concern_create, name="concern_create"),
    path("concerns/<id:pk>/", views.concern_respond, name="concern_respond"),
    path("stakeholders/<id:pk>/touchpoints/", views.touchpoint_create, name="touchpoint_create"),
]
