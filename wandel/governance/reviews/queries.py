"""The reviews overview: what waits for the ethics board, the DPO and the works council."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from wandel.core.queries import Listing, count_of, first_rows
from wandel.governance.reviews.dpia.models import Dpia, DpiaCheck, DpiaStatus
from wandel.governance.reviews.ethics.models import (
    EthicsCondition,
    EthicsReview,
    EthicsReviewStatus,
)
from wandel.portfolio.use_cases.models import Stage, UseCase

# Stages in which a use case is still heading for (or running behind) a gate.
CLOSED_STAGES = (Stage.REJECTED, Stage.RETIRED)
# How many rows each list of the overview shows before its link to the whole list: the
# overview says what waits, the lists behind it page through all of it.
RECENT = 10
QUEUE = 10


@dataclass(frozen=True)
class ReviewsOverview:
    ethics_drafts: Listing
    ethics_completed: Listing
    open_conditions: Listing
    waiting_for_review: Listing
    dpias_open: Listing
    dpias_completed: Listing
    waiting_for_check: Listing


def _open_dpia_candidates() -> QuerySet[DpiaCheck, int]:
    """The use cases whose latest check (by time, then by record for two at the same
    moment) asked for a DPIA, and those with a draft."""
    later = DpiaCheck.objects.filter(use_case=OuterRef("use_case")).filter(
        Q(checked_at__gt=OuterRef("checked_at"))
        | Q(checked_at=OuterRef("checked_at"), pk__gt=OuterRef("pk"))
    )
    asking = DpiaCheck.objects.filter(required=True).exclude(Exists(later))
    drafts = Dpia.objects.filter(status=DpiaStatus.DRAFT)
    # No order anywhere: the model's own would be written into the union's parts and after it.
    return (
        asking.order_by()
        .values_list("use_case", flat=True)
        .union(drafts.order_by().values_list("use_case", flat=True))
        .order_by()
    )


# What the overview's tables show of a use case and of an ethics review.
_USE_CASE_SHOWN = ("pk", "title", "stage", "unit__name")
_REVIEW_SHOWN = (
    "pk",
    "status",
    "outcome",
    "started_on",
    "completed_on",
    "use_case__title",
    "use_case__unit__name",
)


def _heading_for_gate() -> QuerySet[UseCase]:
    """Use cases with personal data that are not closed: the ones a DPIA check and an
    ethics review are for."""
    return (
        UseCase.objects.filter(personal_data=True)
        .exclude(stage__in=CLOSED_STAGES)
        .select_related("unit")
        .only(*_USE_CASE_SHOWN)
    )


def waiting_for_ethics_review() -> QuerySet[UseCase]:
    return (
        _heading_for_gate()
        .filter(~Exists(EthicsReview.objects.filter(use_case=OuterRef("pk"))))
        .order_by("title", "pk")
    )


def waiting_for_dpia_check() -> QuerySet[UseCase]:
    return (
        _heading_for_gate()
        .filter(~Exists(DpiaCheck.objects.filter(use_case=OuterRef("pk"))))
        .order_by("title", "pk")
    )


def open_dpias() -> QuerySet[UseCase]:
    """Use cases with a DPIA to write or sign off: the latest check asked for one or a draft
    exists, and none is completed."""
    # The candidates are read first, as a list of ids: as a condition on each use case, or
    # even as a subquery, the database walked all 3,000 use cases of the large demo to find
    # the four (7.5 ms; now two queries of 0.3 ms).
    return (
        UseCase.objects.filter(pk__in=list(_open_dpia_candidates()))
        .exclude(dpia__status=DpiaStatus.COMPLETED)
        .select_related("unit", "dpia")
        .only(*_USE_CASE_SHOWN, "dpia__status")
        .order_by("title", "pk")
    )


def _reviews() -> QuerySet[EthicsReview]:
    return (
        EthicsReview.objects.select_related("use_case__unit")
        .annotate(
            open_conditions=count_of(
                EthicsCondition.objects.filter(review=OuterRef("pk"), closed_on__isnull=True),
                "review",
            )
        )
        .only(*_REVIEW_SHOWN)
    )


def ethics_drafts() -> QuerySet[EthicsReview]:
    """Ethics reviews started and not completed, the oldest first."""
    return _reviews().filter(status=EthicsReviewStatus.DRAFT).order_by("started_on", "pk")


def reviews_overview() -> ReviewsOverview:
    """Ethics reviews and DPIAs by status, and the use cases with personal data that wait
    for one; each list costs one query, whatever the size of the portfolio, and reads only
    the columns the overview shows."""
    return ReviewsOverview(
        ethics_drafts=first_rows(ethics_drafts(), QUEUE),
        ethics_completed=first_rows(
            _reviews().filter(status=EthicsReviewStatus.COMPLETED).order_by("-completed_on", "-pk"),
            RECENT,
        ),
        open_conditions=first_rows(
            EthicsCondition.objects.filter(
                closed_on__isnull=True, review__status=EthicsReviewStatus.COMPLETED
            )
            .select_related("review__use_case", "owner")
            .only(
                "pk",
                "text",
                "status",
                "due_on",
                "review_id",
                "review__use_case__title",
                "owner__first_name",
                "owner__last_name",
            )
            .order_by("due_on", "pk"),
            QUEUE,
        ),
        waiting_for_review=first_rows(waiting_for_ethics_review(), QUEUE),
        dpias_open=first_rows(open_dpias(), QUEUE),
        dpias_completed=first_rows(
            Dpia.objects.filter(status=DpiaStatus.COMPLETED)
            .select_related("use_case__unit")
            .only("pk", "use_case_id", "signed_off_on", "use_case__title", "use_case__unit__name")
            .order_by("-signed_off_on", "-pk"),
            RECENT,
        ),
        waiting_for_check=first_rows(waiting_for_dpia_check(), QUEUE),
    )
