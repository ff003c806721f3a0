"""The centre's complaint policy: categories, channels, targets and business hours."""

from __future__ import annotations

from datetime import date, time
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator

from cstui.models.base import Model
from cstui.models.phone import REGION_OF_JURISDICTION, is_region
from cstui.models.refunds import Jurisdiction, RefundPolicy
from cstui.models.team import Identity


class Weekday(StrEnum):
    """Days of the week as written in policy.toml."""

    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"

    @property
    def number(self) -> int:
        """Monday is 0, as in :meth:`datetime.date.weekday`."""
        return _WEEKDAY_NUMBERS[self]


_WEEKDAY_NUMBERS: dict[Weekday, int] = {day: n for n, day in enumerate(Weekday)}
"""Each day's :attr:`Weekday.number`, worked out once."""


class Targets(Model):
    """Due-date targets of the complaint procedure."""

    acknowledge_business_days: int = Field(default=1, ge=0, le=30)
    """Acknowledge (declare) by close of business this many business days after receipt."""
    resolve_calendar_days: int = Field(default=30, ge=1, le=365)
    """Resolve (notify the solution) within this many calendar days, pauses excluded."""
    follow_up_days: int = Field(default=7, ge=0, le=90)
    """Follow up this many calendar days after notifying."""


class BusinessHours(Model):
    """When the centre is open: business days count towards acknowledgement."""

    days: list[Weekday] = Field(
        default_factory=lambda: [Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI],
        min_length=1,
    )
    opens: time = time(9, 0)
    closes: time = time(17, 0)
    timezone: str = ""
    """An IANA zone such as Australia/Sydney; empty means this computer's zone."""
    holidays: list[date] = Field(default_factory=list)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        if value:
            try:
                ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError):
                raise ValueError("is not a known time zone (like Australia/Sydney)") from None
        return value

    @field_validator("closes")
    @classmethod
    def _after_opening(cls, value: time, info: object) -> time:
        opens = getattr(info, "data", {}).get("opens")
        if opens is not None and value <= opens:
            raise ValueError("must be later than opens")
        return value


class Privacy(Model):
    """How long personal data of closed cases is kept."""

    retention_years: int = Field(default=3, ge=1, le=50)
    """Years after closing before `cstui privacy purge` removes the personal fields."""


class Policy(Model):
    """Everything the centre configures in policy.toml."""

    categories: list[str] = Field(min_length=1)
    channels: list[str] = Field(min_length=1)
    targets: Targets = Field(default_factory=Targets)
    business_hours: BusinessHours = Field(default_factory=BusinessHours)
    privacy: Privacy = Field(default_factory=lambda: Privacy())
    jurisdiction: Jurisdiction = Jurisdiction.AU
    """Whose consumer law is the floor of the refunds policy: au or uk."""
    refunds: RefundPolicy = Field(default_factory=lambda: RefundPolicy())
    """Change of mind, proof, refund methods, records and referrals."""
    identity: Identity = Field(default_factory=Identity)
    """Which OS accounts several people share, each signing in with a passphrase."""
    default_region: str = ""
    """Country code (like AU or GB) of phone numbers typed without one; empty: the
    jurisdiction's country."""

    @field_validator("default_region")
    @classmethod
    def _known_region(cls, value: str) -> str:
        value = value.strip().upper()
        if value and not is_region(value):
            raise ValueError("is not a two-letter country code (like AU or GB)")
        return value

    @property
    def phone_region(self) -> str:
        """The country phone numbers without a country code belong to."""
        return self.default_region or REGION_OF_JURISDICTION[self.jurisdiction.value]

    def match_category(self, value: str) -> str | None:
        """The configured category that ``value`` names (ignoring case), if any."""
        return _match(value, self.categories)

    def match_channel(self, value: str) -> str | None:
        """The configured channel that ``value`` names (ignoring case), if any."""
        return _match(value, self.channels)


def _match(value: str, choices: list[str]) -> str | None:
    wanted = value.strip().casefold()
    return next((c for c in choices if c.casefold() == wanted), None)
