"""The requests that ask an ambassador whether they still hold their office: one per due date, answered once."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ambassadors.models.signatures import Signature


class Reconfirmation(models.Model):
    """One mail asking the ambassador to confirm they hold the office or to say they left it. Its link works
    until it is answered, while it is the signature's latest request and the signature waits for an answer."""

    class Occasion(models.TextChoices):
        YEARLY = "yearly", _("A year since the last confirmation")
        TERM_END = "term_end", _("The end of the term")

    class Answer(models.TextChoices):
        IN_OFFICE = "in_office", _("Still holds the office")
        LEFT = "left", _("Has left the office")

    signature = models.ForeignKey(
        Signature, on_delete=models.CASCADE, related_name="reconfirmations", verbose_name=_("signature")
    )
    occasion = models.CharField(_("occasion"), max_length=20, choices=Occasion.choices)
    due_on = models.DateField(_("due on"))
    sent_on = models.DateField(_("asked on"))
    answer = models.CharField(_("answer"), max_length=20, choices=Answer.choices, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("re-confirmation request")
        verbose_name_plural = _("re-confirmation requests")
        ordering = ["-sent_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["signature", "due_on"], name="one_reconfirmation_per_due_date")
        ]

    def __str__(self):
        return f"{self.signature} ({self.due_on})"

    @property
    def audit_label(self) -> str:
        return f"re-confirmation #{self.pk}"


class AmbassadorTerm(Signature):
    """The staff's view of verified signatures by their term of office, with the queue of those who did not
    answer (ambassadors.term_admin)."""

    class Meta:
        proxy = True
        verbose_name = _("ambassador's term")
        verbose_name_plural = _("ambassadors' terms")
