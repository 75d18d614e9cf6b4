"""The portfolio in the admin site, for looking things up. Changes go through the portfolio
pages and API, whose services check the rules, refresh scores and write the audit log."""

from django.contrib import admin

from wandel.core.admin_site import ReadOnlyAdmin
from wandel.portfolio.measures.models import Kpi
from wandel.portfolio.use_cases.models import Criterion, Score, StageChange, UseCase
from wandel.portfolio.workshops.models import Workshop


@admin.register(UseCase)
class UseCaseAdmin(ReadOnlyAdmin):
    list_display = ("title", "stage", "unit", "product_owner", "total_score", "vetoed")
    list_filter = ("stage", "capability", "personal_data", "vetoed")
    search_fields = ("title", "problem")
    list_select_related = ("unit", "product_owner")


@admin.register(Criterion)
class CriterionAdmin(ReadOnlyAdmin):
    list_display = ("name_en", "name_de", "group", "weight", "veto_at", "active")
    list_filter = ("group", "active")


@admin.register(Score)
class ScoreAdmin(ReadOnlyAdmin):
    list_display = ("use_case", "criterion", "value", "scored_by", "scored_at")
    list_select_related = ("use_case", "criterion", "scored_by")


@admin.register(StageChange)
class StageChangeAdmin(ReadOnlyAdmin):
    list_display = ("use_case", "from_stage", "to_stage", "actor", "at")
    list_filter = ("to_stage",)
    list_select_related = ("use_case", "actor")


@admin.register(Workshop)
class WorkshopAdmin(ReadOnlyAdmin):
    list_display = ("title", "held_on", "status", "dots_per_person")
    list_filter = ("status",)


@admin.register(Kpi)
class KpiAdmin(ReadOnlyAdmin):
    list_display = ("name", "use_case", "baseline_value", "target_value", "direction")
    list_select_related = ("use_case",)
