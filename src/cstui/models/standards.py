"""Complaints-handling standards the policy may name, their preset clocks, and the
external dispute body a final response points the customer to.

- ASIC RG 271 (Australia, financial firms): acknowledge within 1 business day of
  receipt (RG 271.61); final response within 30 calendar days (RG 271.67), 21 days for
  default notices and hardship (RG 271.70), 45 days for superannuation (RG 271.73).
- FCA DISP 1.6 (UK, financial firms): final response within 8 weeks of receipt
  (DISP 1.6.2R); a summary resolution communication for complaints resolved by close of
  business on the third business day after receipt (DISP 1.5.1R, 1.6.1R).

A custom standard names no scheme and keeps the centre's own targets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from pydantic import Field

from cstui.models.base import Model
from cstui.models.text import CleanLine


class ComplaintsStandard(StrEnum):
    """Which complaints-handling standard the centre's clocks follow."""

    ASIC_RG271 = "asic-rg271"
    FCA_DISP = "fca-disp"
    CUSTOM = "custom"


@dataclass(frozen=True)
class StandardPreset:
    """The targets a standard sets unless the policy overrides them."""

    acknowledge_business_days: int
    resolve_calendar_days: int
    category_resolve_days: MappingProxyType[str, int] = field(
        default_factory=lambda: MappingProxyType({})
    )
    """Final-response days for categories named so (matched ignoring case)."""
    summary_resolution_business_days: int | None = None
    """Resolved within this many business days: a summary resolution communication."""
    waiting_pauses_resolve: bool = False
    """Waiting on the customer moves the resolve deadline (never under a regulator)."""


PRESETS: dict[ComplaintsStandard, StandardPreset] = {
    ComplaintsStandard.ASIC_RG271: StandardPreset(
        acknowledge_business_days=1,
        resolve_calendar_days=30,
        category_resolve_days=MappingProxyType(
            {"Default notice": 21, "Hardship": 21, "Superannuation": 45}
        ),
    ),
    ComplaintsStandard.FCA_DISP: StandardPreset(
        acknowledge_business_days=1,
        resolve_calendar_days=56,
        summary_resolution_business_days=3,
    ),
    ComplaintsStandard.CUSTOM: StandardPreset(
        acknowledge_business_days=1, resolve_calendar_days=30, waiting_pauses_resolve=True
    ),
}
"""Each standard's preset targets."""


NO_BODY_SENTENCE = (
    "If you are not satisfied with our response, tell us and we will review your complaint."
)
"""What a final response says of further steps when the policy names no external body."""


class ExternalBody(Model):
    """The independent body a customer may take an unresolved complaint to."""

    name: CleanLine = Field(default="", max_length=200)
    """Such as the Australian Financial Complaints Authority (AFCA), the Financial
    Ombudsman Service, a state fair-trading office or an industry ombudsman."""
    contact: CleanLine = Field(default="", max_length=300)
    """How to reach it: telephone, web site, address."""
    time_limit: CleanLine = Field(default="", max_length=200)
    """How long the customer has to go to it, e.g. "2 years" (AFCA) or "6 months" (FOS)."""

    def referral_sentence(self) -> str:
        """The sentence a final response uses to name the body (when none is named: an
        offer of an internal review)."""
        if not self.name:
            return NO_BODY_SENTENCE
        text = (
            "If you are not satisfied with our response, you may take your complaint to "
            f"{self.name}, which is independent of us"
        )
        if self.contact:
            text += f" (contact: {self.contact})"
        if self.time_limit:
            text += f". You have {self.time_limit} from the date of this response to do so"
        return text + "."


SITE_REGION = r"^([A-Z]{2}-)?[A-Z0-9]{1,6}$"
"""A site's holidays region: ``AU-NSW`` (country and state) or ``VIC`` (a state of the
centre's own country)."""


class Site(Model):
    """One of the centre's sites, where public holidays differ."""

    name: CleanLine = Field(min_length=1, max_length=60)
    """How staff name the site (``case new --site NAME``)."""
    region: str = Field(default="", pattern=SITE_REGION + "|^$")
    """The country and state or region whose public holidays close this site, such as
    AU-NSW or GB-SCT (a region alone, like VIC, is one of the centre's country); empty:
    the centre's own."""

    def holiday_place(self, country: str | None) -> tuple[str | None, str]:
        """The (country, region) of this site's public holidays, ``country`` being the
        centre's."""
        found, _, region = self.region.rpartition("-")
        return (found or country), region
