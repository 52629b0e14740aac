"""The Table's meetings: agenda, invitations, attendance and quorum, minutes with their
versions, resolutions numbered per year, and the question period (DOMAIN.md §1, §5)."""

import math
import uuid
from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from filet.lib.guard import validate_no_identifiers
from filet.organisations.models import Organisation


class QuorumRule(models.TextChoices):
    MAJORITY = "majority", _("A majority of member organisations present")
    TWO_THIRDS = "two_thirds", _("Two thirds of member organisations present")
    ANY = "any", _("No quorum required")


class MeetingSettings(models.Model):
    """The Table's rules for its meetings; a single row (pk 1)."""

    quorum_rule = models.CharField(
        _("quorum"), max_length=20, choices=QuorumRule.choices, default=QuorumRule.MAJORITY
    )

    class Meta:
        verbose_name = _("meeting settings")
        verbose_name_plural = _("meeting settings")
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="meeting_settings_single_row"),
            models.CheckConstraint(
                condition=Q(quorum_rule__in=QuorumRule.values), name="meeting_quorum_rule_valid"
            ),
        ]

    def __str__(self) -> str:
        return str(self.get_quorum_rule_display())

    @classmethod
    def load(cls) -> "MeetingSettings":
        return cls.objects.filter(pk=1).first() or cls(pk=1)

    def required(self, members: int) -> int:
        """How many member organisations must be present for `members` seats."""
        if self.quorum_rule == QuorumRule.ANY:
            return 0
        if self.quorum_rule == QuorumRule.TWO_THIRDS:
            return math.ceil(members * 2 / 3)
        return members // 2 + 1


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def active(self) -> "MeetingQuerySet":
        return self.filter(cancelled_at__isnull=True)

    def upcoming(self, now: datetime | None = None) -> "MeetingQuerySet":
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at")

    def past(self, now: datetime | None = None) -> "MeetingQuerySet":
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at")


class Meeting(models.Model):
    """A meeting of the Table. `uid` and `sequence` serve iCalendar (RFC 5545): the UID never
    changes, and SEQUENCE goes up whenever the date, the place or the cancellation changes."""

    uid = models.UUIDField(
        _("calendar identifier"), default=uuid.uuid4, unique=True, editable=False
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    video_link = models.URLField(_("video link"), blank=True)
    sequence = models.PositiveIntegerField(_("calendar revision"), default=0, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Raised by every edit, checked on save: the second of two editors is told.
    version = models.PositiveIntegerField(default=1, editable=False)
    # The form's one-time key: a double-click or a retried POST finds the first row.
    submission = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(place="") | ~Q(video_link=""), name="meeting_place_or_link"
            ),
        ]
        indexes = [models.Index(fields=["starts_at"], name="meeting_starts_at")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", kwargs={"pk": self.pk})

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


class Invitation(models.Model):
    """A member organisation (all its people) or one person invited to a meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_invitations",
        verbose_name=_("person"),
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=True, person__isnull=False)
                | Q(organisation__isnull=False, person__isnull=True),
                name="meeting_invitation_one_invitee",
            ),
            models.UniqueConstraint(
                fields=["meeting", "organisation"], name="meeting_invitation_unique_organisation"
            ),
            models.UniqueConstraint(
                fields=["meeting", "person"], name="meeting_invitation_unique_person"
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisation or self.person)


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    EXCUSED = "excused", _("Excused")
    ABSENT = "absent", _("Absent")


class Attendance(models.Model):
    """Who was there: an organisation as a whole, or one person."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    status = models.CharField(_("attendance"), max_length=10, choices=AttendanceStatus.choices)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=True, person__isnull=False)
                | Q(organisation__isnull=False, person__isnull=True),
                name="meeting_attendance_one_attendee",
            ),
            models.CheckConstraint(
                condition=Q(status__in=AttendanceStatus.values),
                name="meeting_attendance_status_valid",
            ),
            models.UniqueConstraint(
                fields=["meeting", "organisation"], name="meeting_attendance_unique_organisation"
            ),
            models.UniqueConstraint(
                fields=["meeting", "person"], name="meeting_attendance_unique_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation or self.person}: {self.get_status_display()}"


class AgendaItem(models.Model):
    """One point of the agenda; a sub-item has a parent."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("under item"),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    presenter = models.CharField(_("presenter"), max_length=150, blank=True)
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), null=True, blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class AgendaDocument(models.Model):
    """A document attached to an agenda item, given as a reference (title and link)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("document"), max_length=200)
    link = models.URLField(_("link"), blank=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CIRCULATED = "circulated", _("Circulated")
    ADOPTED = "adopted", _("Adopted")


class Minutes(models.Model):
    """The minutes of one meeting. Each save writes a new version; adoption happens at a later
    meeting and freezes the adopted version for good."""

    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="minutes")
    status = models.CharField(
        _("status"), max_length=12, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    text = models.TextField(_("minutes"), validators=[validate_no_identifiers])
    version = models.PositiveIntegerField(_("version"), default=1)
    circulated_at = models.DateTimeField(_("circulated at"), null=True, blank=True)
    adopted_at = models.DateTimeField(_("adopted at"), null=True, blank=True)
    adopted_at_meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adopted_minutes",
        verbose_name=_("adopted at the meeting"),
    )

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=MinutesStatus.values), name="minutes_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=MinutesStatus.ADOPTED)
                | Q(adopted_at__isnull=False, adopted_at_meeting__isnull=False),
                name="minutes_adopted_has_meeting",
            ),
        ]

    def __str__(self) -> str:
        return str(self.meeting)

    def get_absolute_url(self) -> str:
        return reverse("meetings:minutes", kwargs={"pk": self.meeting_id})

    @property
    def is_frozen(self) -> bool:
        return self.status == MinutesStatus.ADOPTED


class MinutesVersion(models.Model):
    """Every saved text of the minutes, in order; never changed after it is written."""

    minutes = models.ForeignKey(Minutes, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("minutes"))
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    saved_at = models.DateTimeField(_("saved at"), default=timezone.now)

    class Meta:
        verbose_name = _("minutes version")
        verbose_name_plural = _("minutes versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "number"], name="minutes_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.minutes} v{self.number}"


class DecisionMethod(models.TextChoices):
    CONSENSUS = "consensus", _("Consensus")
    VOTE = "vote", _("Vote")


class ResolutionCounter(models.Model):
    """The last number given in a year; locked while the next one is taken."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("resolution counter")
        verbose_name_plural = _("resolution counters")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class ResolutionQuerySet(models.QuerySet["Resolution"]):
    def follow_up_open(self) -> "ResolutionQuerySet":
        return self.filter(follow_up_done_at__isnull=True).exclude(
            follow_up_organisation__isnull=True, follow_up_person__isnull=True
        )


class Resolution(models.Model):
    """A decision of the Table, numbered per year (`2026-07`), with who follows it up."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="resolutions")
    year = models.PositiveIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    decision = models.TextField(_("decision"), validators=[validate_no_identifiers])
    method = models.CharField(_("taken by"), max_length=10, choices=DecisionMethod.choices)
    votes_for = models.PositiveIntegerField(_("for"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("against"), null=True, blank=True)
    abstentions = models.PositiveIntegerField(_("abstentions"), null=True, blank=True)
    follow_up_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("follow-up by (organisation)"),
    )
    follow_up_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("follow-up by (person)"),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    follow_up_done_at = models.DateTimeField(_("follow-up done at"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # The form's one-time key: a double-click or a retried POST finds the first row.
    submission = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = ResolutionQuerySet.as_manager()

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="resolution_unique_number"),
            models.CheckConstraint(
                condition=Q(method__in=DecisionMethod.values), name="resolution_method_valid"
            ),
            models.CheckConstraint(
                condition=Q(method=DecisionMethod.CONSENSUS)
                | Q(
                    votes_for__isnull=False, votes_against__isnull=False, abstentions__isnull=False
                ),
                name="resolution_vote_has_counts",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("meetings:resolution", kwargs={"pk": self.pk})

    @property
    def code(self) -> str:
        return f"{self.year}-{self.number:02d}"

    @property
    def follow_up_is_open(self) -> bool:
        has_owner = self.follow_up_organisation_id or self.follow_up_person_id
        return bool(has_owner) and self.follow_up_done_at is None


class QuestionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class QuestionQuerySet(models.QuerySet["Question"]):
    def open(self) -> "QuestionQuerySet":
        return self.filter(status=QuestionStatus.OPEN)


class Question(models.Model):
    """A question asked in the question period; an open one comes back on the next agenda."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="questions")
    text = models.TextField(_("question"), validators=[validate_no_identifiers])
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("asked by"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answer = models.TextField(_("answer"), blank=True, validators=[validate_no_identifiers])
    status = models.CharField(
        _("status"), max_length=10, choices=QuestionStatus.choices, default=QuestionStatus.OPEN
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    # The form's one-time key: a double-click or a retried POST finds the first row.
    submission = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=QuestionStatus.values), name="question_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=QuestionStatus.OPEN, closed_at__isnull=True)
                | Q(status=QuestionStatus.CLOSED, closed_at__isnull=False),
                name="question_closed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    def get_absolute_url(self) -> str:
        return reverse("meetings:question", kwargs={"pk": self.pk})


class NoticeKind(models.TextChoices):
    INVITATION = "invitation", _("Invitation")
    UPDATE = "update", _("Update")
    CANCELLATION = "cancellation", _("Cancellation")
    REMINDER = "reminder", _("Reminder")


class MeetingNotice(models.Model):
    """An e-mail sent to one person about a meeting. The row is written before the message
    leaves (on commit), and the constraints make each notice go out once: the invitation
    and the reminder once per person, an update or a cancellation once per SEQUENCE."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="notices")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=NoticeKind.choices)
    sequence = models.PositiveIntegerField(_("calendar revision"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("meeting notice")
        verbose_name_plural = _("meeting notices")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=NoticeKind.values), name="meeting_notice_kind_valid"
            ),
            models.UniqueConstraint(
                fields=["meeting", "person", "kind", "sequence"],
                name="meeting_notice_once_per_sequence",
            ),
            models.UniqueConstraint(
                fields=["meeting", "person", "kind"],
                condition=Q(kind__in=["invitation", "reminder"]),
                name="meeting_notice_invitation_reminder_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} — {self.person} ({self.kind})"
