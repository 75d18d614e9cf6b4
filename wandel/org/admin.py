"""The organisation in the admin site, for looking things up. Units, people, accounts, roles
and stakeholder groups change on the org pages, whose services check the rules and write the
audit log; here they can only be read."""

from django.contrib import admin
from django.http import HttpRequest

from wandel.core.admin_site import ReadOnlyAdmin
from wandel.org.models import Concern, Person, RoleAssignment, StakeholderGroup, Touchpoint, Unit

# Units, people and stakeholder engagement change on Wandel's pages and through its API,
# whose services write the audit log; the admin site shows them and changes nothing.


@admin.register(Unit)
class UnitAdmin(ReadOnlyAdmin):
    list_display = ("name", "code", "parent")
    search_fields = ("name", "code")
    list_select_related = ("parent",)


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ("last_name", "first_name", "employee_id", "email", "unit", "active")
    list_filter = ("active", "language")
    search_fields = ("last_name", "first_name", "email", "employee_id")
    list_select_related = ("unit",)


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ReadOnlyAdmin):
    list_display = ("person", "role", "assigned_on", "ended_on", "assigned_by")
    list_filter = ("role",)
    search_fields = ("person__last_name", "person__email")
    list_select_related = ("person", "assigned_by")


class ReadOnlyInline(admin.TabularInline):
    extra = 0

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class ConcernInline(ReadOnlyInline):
    model = Concern


class TouchpointInline(ReadOnlyInline):
    model = Touchpoint


@admin.register(StakeholderGroup)
class StakeholderGroupAdmin(ReadOnlyAdmin):
    list_display = ("name", "power", "interest", "adkar_stage")
    list_filter = ("adkar_stage",)
    search_fields = ("name",)
    inlines = (ConcernInline, TouchpointInline)
