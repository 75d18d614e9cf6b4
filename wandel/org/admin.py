from django.contrib import admin

from wandel.core.admin_site import ReadOnlyAdmin
from wandel.org.models import Concern, Person, RoleAssignment, StakeholderGroup, Touchpoint, Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "parent")
    search_fields = ("name", "code")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("last_name", "first_name", "employee_id", "email", "unit", "active")
    list_filter = ("active", "language")
    search_fields = ("last_name", "first_name", "email", "employee_id")
    list_select_related = ("unit",)
    autocomplete_fields = ("unit", "user")


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ReadOnlyAdmin):
    """Roles change on the person page, which writes the audit log."""

    list_display = ("person", "role", "assigned_on", "ended_on", "assigned_by")
    list_filter = ("role",)
    search_fields = ("person__last_name", "person__email")
    list_select_related = ("person", "assigned_by")


class ConcernInline(admin.TabularInline):
    model = Concern
    extra = 0


class TouchpointInline(admin.TabularInline):
    model = Touchpoint
    extra = 0
    autocomplete_fields = ("recorded_by",)


@admin.register(StakeholderGroup)
class StakeholderGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "power", "interest", "adkar_stage")
    list_filter = ("adkar_stage",)
    search_fields = ("name",)
    filter_horizontal = ("units",)
    autocomplete_fields = ("contact",)
    inlines = (ConcernInline, TouchpointInline)
