"""Concerted situations, the safety net (issue 5): who is involved around a youth and what
is agreed, never the clinical file (DOMAIN.md §3).

A situation is known by the code Filet assigns; its attributes are coarse. Only the people
invited to it and the representatives of the organisations taking part ever see it."""

from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from filet.directory.models import Territory
from filet.lib.guard import validate_no_identifiers
from filet.organisations.models import Organisation
from filet.organisations.roles import Role
from filet.pivots.models import MilieuType
from filet.taxonomy.models import Term

if TYPE_CHECKING:
    from filet.accounts.models import User

SUMMARY_MAX = 1000
NOTE_MAX = 500


class AgeBand(models.TextChoices):
    UNDER_12 = "under_12", _("Under 12")
    AGE_12_13 = "12_13", _("12–13")
    AGE_14_15 = "14_15", _("14–15")
    AGE_16_17 = "16_17", _("16–17")


class Gender(models.TextChoices):
    GIRL = "girl", _("Girl")
    BOY = "boy", _("Boy")
    OTHER = "other", _("Non-binary or other")
    NOT_STATED = "not_stated", _("Not stated")


class DpjReport(models.TextChoices):
    MADE = "made", _("Yes, a report was made")
    NOT_REQUIRED = "not_required", _("Not required")
    TO_DO = "to_do", _("To do")


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    ACTIVE = "active", _("Active")
    MONITORING = "monitoring", _("Monitoring")
    CLOSED = "closed", _("Closed")


class Outcome(models.TextChoices):
    SAFER = "safer", _("Youth safer, concerted follow-up no longer needed")
    REFERRED = "referred", _("Taken over by a single service")
    MOVED = "moved", _("Youth moved out of the region")
    LOST_CONTACT = "lost_contact", _("Contact lost")
    DECLINED = "declined", _("Youth declined the help offered")
    OTHER = "other", _("Other")


# Moves a participant may make from each status; closing has its own form.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.OPEN: (Status.ACTIVE,),
    Status.ACTIVE: (Status.MONITORING,),
    Status.MONITORING: (Status.ACTIVE,),
    Status.CLOSED: (),
}


class SituationQuerySet(models.QuerySet["Situation"]):
    def visible_to(self, user: "User") -> "SituationQuerySet":
        """Situations the user was invited to (still invited or accepted), and those of
        the organisations they represent while that organisation takes part."""
        # One IN on participants, the OR inside it (a bitmap OR of the person and the
        # organisation indexes), not a correlated EXISTS per situation nor two INs OR-ed
        # on the situation (which makes PostgreSQL scan all 40 000 situations: 24 ms).
        ids = user.organisation_ids(Role.REPRESENTATIVE)
        seeing = Participant.objects.filter(
            Q(person=user, status__in=Participant.SEEING)
            | Q(organisation__in=ids, status=Participant.Status.ACCEPTED)
        )
        return self.filter(pk__in=seeing.values("situation"))

    def not_closed(self) -> "SituationQuerySet":
        return self.exclude(status=Status.CLOSED)

    def with_partners(self) -> "SituationQuerySet":
        accepted = Q(participants__status=Participant.Status.ACCEPTED)
        return self.annotate(
            partners=Count("participants__organisation", filter=accepted, distinct=True)
        )

    def alone(self) -> "SituationQuerySet":
        """Fewer than two organisations have joined, and nobody has said why."""
        return self.with_partners().filter(partners__lt=2, alone_justification="")  # type: ignore[misc]

    def kept_alone(self) -> "SituationQuerySet":
        """Fewer than two organisations have joined, and someone has said why."""
        return self.with_partners().filter(partners__lt=2).exclude(alone_justification="")  # type: ignore[misc]


class Situation(models.Model):
    """One youth's situation, known only by its code; the link to the person stays in the
    opener's own organisation's file."""

    code = models.CharField(_("code"), max_length=20, unique=True, editable=False)
    year = models.PositiveSmallIntegerField(editable=False)
    number = models.PositiveIntegerField(editable=False)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="situations_opened",
        verbose_name=_("opened by organisation"),
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="situations_opened",
        verbose_name=_("opened by"),
    )
    age_band = models.CharField(_("age band"), max_length=10, choices=AgeBand.choices)
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices)
    sector = models.ForeignKey(
        Territory, on_delete=models.PROTECT, related_name="+", verbose_name=_("sector")
    )
    milieu_type = models.CharField(_("milieu type"), max_length=20, choices=MilieuType.choices)
    indicators = models.ManyToManyField(
        Term, blank=True, related_name="situations", verbose_name=_("indicators")
    )
    dpj_report = models.CharField(
        _("report made to the DPJ?"), max_length=15, choices=DpjReport.choices
    )
    dpj_reported_in = models.DateField(_("month of the report"), null=True, blank=True)
    dpj_reason = models.TextField(
        _("why no report is required"),
        blank=True,
        max_length=300,
        validators=[validate_no_identifiers],
    )
    summary = models.TextField(
        _("short summary"), blank=True, max_length=SUMMARY_MAX, validators=[validate_no_identifiers]
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    outcome = models.CharField(_("outcome"), max_length=15, choices=Outcome.choices, blank=True)
    closing_reason = models.TextField(
        _("why close with actions still open"),
        blank=True,
        max_length=300,
        validators=[validate_no_identifiers],
    )
    lead_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="situations_led",
        verbose_name=_("lead organisation"),
    )
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    alone_justification = models.TextField(
        _("why a single organisation is enough"),
        blank=True,
        max_length=300,
        validators=[validate_no_identifiers],
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("changed at"), default=timezone.now, editable=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    # The opening form's one-time key: a double-click or a retried POST opens one situation.
    submission = models.UUIDField(editable=False)

    objects = SituationQuerySet.as_manager()

    class Meta:
        verbose_name = _("situation")
        verbose_name_plural = _("situations")
        ordering = ["-opened_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="situation_number_unique"),
            models.UniqueConstraint(
                fields=["opened_by", "submission"], name="situation_submitted_once"
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="situation_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status="closed", outcome__in=Outcome.values)
                | (~Q(status="closed") & Q(outcome="")),
                name="situation_outcome_when_closed",
            ),
            models.CheckConstraint(
                condition=Q(dpj_report__in=DpjReport.values), name="situation_dpj_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "next_review_on"], name="situation_review_idx"),
            models.Index(fields=["status", "closed_at"], name="situation_closed_idx"),
        ]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("situations:detail", kwargs={"code": self.code})

    @property
    def is_closed(self) -> bool:
        return self.status == Status.CLOSED

    def review_overdue(self, today: date) -> bool:
        return (
            not self.is_closed and self.next_review_on is not None and self.next_review_on < today
        )

    def accepted_organisation_ids(self) -> set[int]:
        return {
            p.organisation_id
            for p in self.participants.all()
            if p.status == Participant.Status.ACCEPTED
        }

    @property
    def is_alone(self) -> bool:
        """Still open with fewer than two organisations and no reason given. Uses the
        `partners` annotation (``with_partners()``) when present, else prefetched participants."""
        partners = getattr(self, "partners", None)
        if partners is None:
            partners = len(self.accepted_organisation_ids())
        return not self.is_closed and partners < 2 and not self.alone_justification

    def snapshot(self) -> dict[str, str]:
        """What an edit may change, as displayed, to tell a second writer what changed."""
        return {
            "age_band": self.get_age_band_display(),
            "gender": self.get_gender_display(),
            "sector": str(self.sector),
            "milieu_type": self.get_milieu_type_display(),
            "dpj_report": self.get_dpj_report_display(),
            "summary": self.summary,
            "lead_organisation": str(self.lead_organisation or "—"),
            "next_review_on": str(self.next_review_on or "—"),
            "alone_justification": self.alone_justification,
        }


class SituationCounter(models.Model):
    """The last number given in a year: locked while a code is assigned."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}:{self.last}"


class Participant(models.Model):
    """One person of one organisation invited to a situation (the opener included)."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Awaiting an answer")
        ACCEPTED = "accepted", _("Taking part")
        DECLINED = "declined", _("Declined")
        LEFT = "left", _("Left")

    SEEING = (Status.INVITED, Status.ACCEPTED)
    TOOK_PART = (Status.ACCEPTED, Status.LEFT)

    situation = models.ForeignKey(Situation, on_delete=models.CASCADE, related_name="participants")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="situation_participations",
        verbose_name=_("person"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    invited_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(
        _("reason"), blank=True, max_length=300, validators=[validate_no_identifiers]
    )
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["invited_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["situation", "person"],
                condition=Q(status__in=["invited", "accepted"]),
                name="participant_once_at_a_time",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["invited", "accepted", "declined", "left"]),
                name="participant_status_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "status"], name="participant_person_idx"),
            models.Index(fields=["organisation", "status"], name="participant_org_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.organisation}"


class ActionStatus(models.TextChoices):
    TO_DO = "to_do", _("To do")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_ACTION_STATUSES = (ActionStatus.TO_DO, ActionStatus.IN_PROGRESS)


class Action(models.Model):
    """One agreed action of the concerted plan."""

    situation = models.ForeignKey(Situation, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("action"), max_length=200, validators=[validate_no_identifiers])
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("responsible organisation"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="situation_actions",
        verbose_name=_("responsible person"),
    )
    due_on = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.TO_DO
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    submission = models.UUIDField(editable=False)

    class Meta:
        verbose_name = _("action of the plan")
        verbose_name_plural = _("actions of the plan")
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["situation", "submission"], name="situation_action_submitted_once"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ActionStatus.values), name="situation_action_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["status", "due_on"], name="situation_action_due_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.due_on < today


class Note(models.Model):
    """A short follow-up note: what was done, never the clinical file."""

    situation = models.ForeignKey(Situation, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("note"), max_length=NOTE_MAX, validators=[validate_no_identifiers])
    created_at = models.DateTimeField(default=timezone.now)
    submission = models.UUIDField(editable=False)

    class Meta:
        verbose_name = _("follow-up note")
        verbose_name_plural = _("follow-up notes")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "submission"], name="situation_note_submitted_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.situation_id}:{self.pk}"


class ReminderLevel(models.TextChoices):
    PIVOT = "pivot", _("Responsible person")
    REPRESENTATIVE = "representative", _("Representative")
    COORDINATOR = "coordinator", _("Coordinator")


class ReminderKind(models.TextChoices):
    ACTION = "action", _("Overdue action")
    REVIEW = "review", _("Review date passed")


class Reminder(models.Model):
    """A reminder sent: the unique key makes each one go out once."""

    situation = models.ForeignKey(Situation, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    # The action's pk, or 0 for the situation's review.
    subject = models.PositiveIntegerField(default=0)
    # The date that passed: a new due date or review date starts a new series.
    due_on = models.DateField()
    level = models.CharField(max_length=15, choices=ReminderLevel.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["situation", "kind", "subject", "due_on", "level"],
                name="situation_reminder_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.situation_id}:{self.kind}:{self.subject}:{self.level}"


class ClosedTally(models.Model):
    """What survives the destruction of closed situations: de-identified counts."""

    year = models.PositiveSmallIntegerField(_("year closed"))
    outcome = models.CharField(_("outcome"), max_length=15, choices=Outcome.choices)
    alone = models.BooleanField(_("alone"))
    situations = models.PositiveIntegerField(_("situations"), default=0)
    actions = models.PositiveIntegerField(_("actions"), default=0)

    class Meta:
        verbose_name = _("tally of destroyed situations")
        verbose_name_plural = _("tallies of destroyed situations")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "outcome", "alone"], name="situation_tally_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}:{self.outcome}:{self.alone}"
