"""The organisation in the admin site, for looking things up. Units, people, accounts, roles
and stakeholder groups change on the org pages, whose services check the rules and write the
audit log; here they can only be read."""

from collections.abc import Iterable
from datetime import date

from django.contrib import admin
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from wandel.core.admin_site import ReadOnlyAdmin
from wandel.org.models import Person, RoleAssignment, StakeholderGroup, Unit

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


@admin.register(StakeholderGroup)
class StakeholderGroupAdmin(ReadOnlyAdmin):
    list_display = ("name", "power", "interest", "adkar_stage")
    list_filter = ("adkar_stage",)
    search_fields = ("name",)
    # Concerns and touchpoints as read-only lists, not inline forms: an inline builds a
    # form set per kind (and an empty form for adding), half the page's time for a few rows.
    readonly_fields = ("concerns", "touchpoints")

    @admin.display(description=_("concerns"))
    def concerns(self, group: StakeholderGroup) -> SafeString:
        return _entries(
            (c.raised_on, c.get_status_display(), c.text, c.response)
            for c in group.concerns.order_by("-raised_on", "-pk")
        )

    @admin.display(description=_("touchpoints"))
    def touchpoints(self, group: StakeholderGroup) -> SafeString:
        return _entries(
            (t.happened_on, t.get_kind_display(), t.summary, t.outcome)
            for t in group.touchpoints.order_by("-happened_on", "-pk")
        )


def _entries(rows: Iterable[tuple[date, str, str, str]]) -> SafeString:
    """One line per entry: its date, kind or status, text and what came of it."""
    items = format_html_join(
        "",
        "<li>{} · {} · {}{}</li>",
        (
            (date_format(on, "SHORT_DATE_FORMAT"), label, text, f" → {after}" if after else "")
            for on, label, text, after in rows
        ),
    )
    return format_html("<ul>{}</ul>", items) if items else format_html("{}", "–")
