"""The centre's complaint policy: categories, channels, targets and business hours."""

from __future__ import annotations

from datetime import date, time
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationInfo, field_validator, model_validator

from cstui.models.base import Model
from cstui.models.phone import REGION_OF_JURISDICTION, is_region
from cstui.models.refunds import Jurisdiction, RefundPolicy
from cstui.models.standards import PRESETS, ComplaintsStandard, ExternalBody, Site
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
    category_resolve_days: dict[str, int] = Field(default_factory=dict)
    """Final-response days for some categories, e.g. {"Hardship" = 21}."""
    delay_notice_business_days: int = Field(default=5, ge=0, le=60)
    """Ask for a delay notice this many business days before the final-response deadline."""
    waiting_pauses_resolve: bool = True
    """Waiting on the customer moves the resolve clock (an internal clock under a standard:
    the regulator's final-response deadline never moves)."""
    summary_resolution_business_days: int | None = Field(default=None, ge=0, le=30)
    """Resolved within this many business days: a summary resolution communication."""

    @field_validator("category_resolve_days")
    @classmethod
    def _days_in_range(cls, value: dict[str, int]) -> dict[str, int]:
        if any(not 1 <= days <= 365 for days in value.values()):
            raise ValueError("each category's days must be between 1 and 365")
        return value

    def resolve_days_for(self, category: str) -> int:
        """Final-response calendar days for a case of ``category``."""
        wanted = category.strip().casefold()
        found = (d for c, d in self.category_resolve_days.items() if c.casefold() == wanted)
        return next(found, self.resolve_calendar_days)


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
    """The centre's own closed days, added to the public holidays."""
    working_days: list[date] = Field(default_factory=list)
    """Days the centre works although they are public holidays (or weekend days)."""
    holiday_country: str | None = Field(default=None, pattern=r"^([A-Z]{2})?$")
    """ISO country code whose public holidays close the centre (AU, GB); empty: none;
    unset: from the jurisdiction."""
    holiday_region: str | None = Field(default=None, pattern=r"^[A-Z0-9]{0,6}$")
    """The state or region (NSW, VIC, ENG, SCT); unset: from the jurisdiction."""

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
    complaints_standard: ComplaintsStandard = ComplaintsStandard.CUSTOM
    """asic-rg271, fca-disp or custom: whose preset targets apply unless overridden."""
    external_body: ExternalBody = Field(default_factory=lambda: ExternalBody())
    """Where a customer not fully satisfied may take the complaint."""
    acknowledge_on_phone_logging: bool = False
    """Logging a complaint taken by phone (customer on the line) acknowledges it."""
    sites: list[Site] = Field(default_factory=list)
    """The centre's sites (``[[sites]]`` with ``name`` and ``region``): a case logged at
    one counts business days with that site's public holidays."""

    @field_validator("sites", mode="before")
    @classmethod
    def _sites_by_name(cls, value: object) -> object:
        """Also take the older table form, ``[sites.NAME]`` with a ``region``."""
        if isinstance(value, dict):
            return [{"name": name, **dict(site)} for name, site in value.items()]
        return value

    @field_validator("sites")
    @classmethod
    def _sites_named_once(cls, value: list[Site], info: ValidationInfo) -> list[Site]:
        names = [site.name.casefold() for site in value]
        if len(set(names)) != len(names):
            raise ValueError("each site must have its own name")
        hours, jurisdiction = info.data.get("business_hours"), info.data.get("jurisdiction")
        if isinstance(hours, BusinessHours) and "holiday_country" in hours.model_fields_set:
            centre_country = hours.holiday_country
        elif isinstance(jurisdiction, Jurisdiction):
            centre_country = _HOLIDAY_DEFAULTS[jurisdiction][0]
        else:
            centre_country = None
        for site in value:
            if site.region:
                _check_holiday_place(site, centre_country)
        return value

    @model_validator(mode="after")
    def _standard_and_holidays(self) -> Policy:
        _apply_preset(self.targets, self.complaints_standard)
        hours = self.business_hours
        country, region = _HOLIDAY_DEFAULTS[self.jurisdiction]
        if "holiday_country" not in hours.model_fields_set:
            hours.holiday_country = country
        if "holiday_region" not in hours.model_fields_set:
            hours.holiday_region = region if hours.holiday_country == country else ""
        return self

    def match_site(self, value: str) -> str | None:
        """The configured site that ``value`` names (ignoring case), if any."""
        return _match(value, [site.name for site in self.sites])

    def hours_at(self, site: str | None) -> BusinessHours:
        """Business hours at ``site``: its own region's public holidays, if it names one."""
        name = self.match_site(site) if site else None
        found = next((s for s in self.sites if s.name == name), None)
        if found is None or not found.region:
            return self.business_hours
        country, region = found.holiday_place(self.business_hours.holiday_country)
        update = {"holiday_country": country, "holiday_region": region}
        return self.business_hours.model_copy(update=update)

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


_HOLIDAY_DEFAULTS: dict[Jurisdiction, tuple[str, str]] = {
    Jurisdiction.AU: ("AU", "NSW"),
    Jurisdiction.UK: ("GB", "ENG"),
}
"""The public holidays a jurisdiction's centre keeps unless the policy names others."""


def _apply_preset(targets: Targets, standard: ComplaintsStandard) -> None:
    """Fill the targets the policy did not set from ``standard``'s preset."""
    preset = PRESETS[standard]
    given = targets.model_fields_set
    for name in (
        "acknowledge_business_days",
        "resolve_calendar_days",
        "summary_resolution_business_days",
        "waiting_pauses_resolve",
    ):
        if name not in given:
            setattr(targets, name, getattr(preset, name))
    targets.category_resolve_days = {
        **preset.category_resolve_days,
        **targets.category_resolve_days,
    }


def _match(value: str, choices: list[str]) -> str | None:
    wanted = value.strip().casefold()
    return next((c for c in choices if c.casefold() == wanted), None)


def _check_holiday_place(site: Site, centre_country: str | None) -> None:
    """ValueError naming ``site`` if its region is not one whose public holidays are known
    (the holidays library is loaded only when a site names a region)."""
    import holidays

    country, region = site.holiday_place(centre_country)
    known = holidays.list_supported_countries()
    if not country or country not in known:
        raise ValueError(
            f"the region of site {site.name!r}, {site.region}, names no country whose public "
            "holidays are known (write it as AU-NSW or GB-SCT)"
        )
    if region and region not in known[country]:
        raise ValueError(
            f"the region of site {site.name!r}, {region}, is not one of {country}'s "
            f"public-holiday regions (known: {', '.join(known[country])})"
        )
