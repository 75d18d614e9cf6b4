"""The reviews overview: what waits for the ethics board, the DPO and the works council."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    Exists,
    OuterRef,
    Q,
    Subquery,
)

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


def _latest_check_required() -> Subquery:
    return Subquery(
        DpiaCheck.objects.filter(use_case=OuterRef("pk"))
        .order_by("-checked_at", "-pk")
        .values("required")[:1]
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


def reviews_overview() -> ReviewsOverview:
    """Ethics reviews and DPIAs by status, and the use cases with personal data that wait
    for one; each list costs one query, whatever the size of the portfolio, and reads only
    the columns the overview shows."""
    reviews = (
        EthicsReview.objects.select_related("use_case__unit")
        .annotate(
            open_conditions=count_of(
                EthicsCondition.objects.filter(review=OuterRef("pk"), closed_on__isnull=True),
                "review",
            )
        )
        .only(*_REVIEW_SHOWN)
    )
    heading_for_gate = (
        UseCase.objects.filter(personal_data=True)
        .exclude(stage__in=CLOSED_STAGES)
        .select_related("unit")
        .only(*_USE_CASE_SHOWN)
    )
    open_dpias = (
        # Only use cases with a check that asked for a DPIA or with a draft can have one
        # open: asking that first spares the latest check's lookup for every other use case.
        UseCase.objects.filter(
            Q(pk__in=DpiaCheck.objects.filter(required=True).values("use_case"))
            | Q(dpia__status=DpiaStatus.DRAFT)
        )
        .annotate(latest_required=_latest_check_required())
        .filter(Q(latest_required=True) | Q(dpia__status=DpiaStatus.DRAFT))
        .exclude(dpia__status=DpiaStatus.COMPLETED)
        .select_related("unit", "dpia")
        .only(*_USE_CASE_SHOWN, "dpia__status")
        .order_by("title", "pk")
    )
    return ReviewsOverview(
        ethics_drafts=first_rows(
            reviews.filter(status=EthicsReviewStatus.DRAFT).order_by("started_on", "pk"), QUEUE
        ),
        ethics_completed=first_rows(
            reviews.filter(status=EthicsReviewStatus.COMPLETED).order_by("-completed_on", "-pk"),
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
        waiting_for_review=first_rows(
            heading_for_gate.filter(
                ~Exists(EthicsReview.objects.filter(use_case=OuterRef("pk")))
            ).order_by("title", "pk"),
            QUEUE,
        ),
        dpias_open=first_rows(open_dpias, QUEUE),
        dpias_completed=first_rows(
            Dpia.objects.filter(status=DpiaStatus.COMPLETED)
            .select_related("use_case__unit")
            .only("pk", "use_case_id", "signed_off_on", "use_case__title", "use_case__unit__name")
            .order_by("-signed_off_on", "-pk"),
            RECENT,
        ),
        waiting_for_check=first_rows(
            heading_for_gate.filter(
                ~Exists(DpiaCheck.objects.filter(use_case=OuterRef("pk")))
            ).order_by("title", "pk"),
            QUEUE,
        ),
    )
