"""One declaration per complaint step, and :data:`STEPS`, the procedure's steps in order.

A step is declared by its model alone: the model's ``step`` field names the step, and
each field the step's form fills carries an :class:`~cstui.models.ask.Ask` beside its
type and limits. :class:`StepForm` reads that once; the terminal app's step forms, the
options of ``cstui case advance``, the guidance check and the tests' sample inputs are
all derived from a :class:`StepRegistry`, so a new step is a model and a line here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from types import NoneType, UnionType
from typing import Any, Union, get_args, get_origin

from annotated_types import MaxLen
from pydantic import ValidationError
from pydantic.fields import FieldInfo

from cstui.models.ask import Ask
from cstui.models.base import Model
from cstui.models.case import NewCase
from cstui.models.errors import input_error
from cstui.models.kinds import LabelledEnum, Step
from cstui.models.steps import (
    DeclareData,
    FollowUpData,
    InvestigateData,
    NotifyData,
    ReceiveData,
    SolveData,
)


def _plain_type(annotation: Any) -> Any:
    """``X`` for ``X`` or ``X | None``."""
    if get_origin(annotation) in (Union, UnionType):
        others = [arg for arg in get_args(annotation) if arg is not NoneType]
        return others[0] if len(others) == 1 else annotation
    return annotation


def _choices(ask: Ask, kind: Any) -> tuple[tuple[str, str], ...]:
    if ask.choices or not (isinstance(kind, type) and issubclass(kind, Enum)):
        return ask.choices
    return tuple(
        (member.label if isinstance(member, LabelledEnum) else str(member.value), member.value)
        for member in kind
    )


def _max_length(info: FieldInfo) -> int | None:
    limits = [each.max_length for each in info.metadata if isinstance(each, MaxLen)]
    return limits[-1] if limits else None


@dataclass(frozen=True)
class StepField:
    """One field a step's form fills: its name, how it is asked for, and its limits."""

    name: str
    """The model's field name (the key of the form's values)."""
    ask: Ask
    step_label: str
    """The name of the step it belongs to, as staff say it."""
    required: bool
    max_length: int | None
    """The longest text the model takes, if it limits it."""
    choices: tuple[tuple[str, str], ...]
    """(label, value) pairs for a choice: the declared ones, else the enumeration's."""
    yes_no: bool
    """Whether the model takes a yes-or-no answer."""

    @property
    def option(self) -> str:
        """The command-line option as declared (``--satisfied/--unsatisfied`` for a pair)."""
        return self.ask.flag or "--" + self.name.replace("_", "-")

    @property
    def flags(self) -> tuple[str, ...]:
        """Each spelling of the option: one, or the yes and the no of a pair."""
        return tuple(self.option.split("/"))

    def typed(self, value: Any) -> str:
        """The option as the user typed it (``--unsatisfied`` for a no)."""
        if len(self.flags) == 2:
            return self.flags[0] if value else self.flags[1]
        return self.option

    @property
    def takes(self) -> str:
        """The option as a refusal names it (``--satisfied | --unsatisfied``)."""
        return " | ".join(self.flags)

    @property
    def help(self) -> str:
        """The option's help: the step's name, then what the field is."""
        return f"{self.step_label}: {self.ask.help}"

    @property
    def metavar(self) -> str:
        """What the help shows for the option's value."""
        return self.ask.metavar or ("DATE" if self.ask.kind == "date" else "TEXT")


@dataclass(frozen=True)
class StepForm:
    """A step of the procedure, declared by its model."""

    model: type[Model]
    """What completing the step records; its ``step`` field names the step."""
    title: str = ""
    """The step's name; a :class:`Step`'s own label when empty."""
    usage: str = ""
    """How the command's help names this step's options; its flags when empty."""
    doing: str = ""
    """The step as something done (``Following up``); ``Completing <step>`` when empty."""
    logged_with: type[Model] | None = None
    """The form a step is completed by when it has no fields of its own (Receive: the
    new-case form); what the step's guidance may name."""
    fields: tuple[StepField, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "fields", tuple(self._declared_fields()))

    @cached_property
    def step(self) -> str:
        """The step's value (a :class:`Step` for the procedure's own steps)."""
        default: str = self.model.model_fields["step"].default
        return default

    @property
    def label(self) -> str:
        """The step's name as staff say it."""
        return self.title or Step(self.step).label

    def _declared_fields(self) -> Iterator[StepField]:
        for name, info in self.model.model_fields.items():
            asks = [each for each in info.metadata if isinstance(each, Ask)]
            if not asks:
                if info.is_required() and name != "step":
                    raise TypeError(f"{self.model.__name__}.{name} is required but never asked for")
                continue
            kind = _plain_type(info.annotation)
            yield StepField(
                name=name,
                ask=asks[0],
                step_label=self.label,
                required=info.is_required(),
                max_length=_max_length(info),
                choices=_choices(asks[0], kind),
                yes_no=kind is bool,
            )

    @property
    def recorded(self) -> tuple[str, ...]:
        """The names of what an agent fills in at this step (what guidance may name)."""
        if self.logged_with is not None:
            return tuple(self.logged_with.model_fields)
        return tuple(f.name for f in self.fields)

    @property
    def message_field(self) -> str | None:
        """The field a message to the customer, used from a template, fills (if any)."""
        return next((f.name for f in self.fields if f.ask.takes_message), None)

    @property
    def doing_text(self) -> str:
        """The step as something done, for help texts."""
        return self.doing or f"Completing {self.label.lower()}"

    @property
    def usage_text(self) -> str:
        """The step's options for the command's help, optional ones in brackets."""
        if self.usage:
            return self.usage
        return " ".join(f.option if f.required else f"[{f.option}]" for f in self.fields)

    def parse(self, values: Mapping[str, Any]) -> Model:
        """Validate what was typed; raise :class:`~cstui.errors.InputError` naming fields."""
        try:
            return self.model.model_validate({**values, "step": self.step})
        except ValidationError as exc:
            raise input_error(exc) from None


class StepRegistry:
    """The steps of the procedure in order, each declared once."""

    def __init__(self, forms: Iterable[StepForm]) -> None:
        self._forms: dict[str, StepForm] = {}
        for form in forms:
            if form.step in self._forms:
                raise ValueError(f"the step {form.step!r} is declared twice")
            self._forms[form.step] = form
        self._fields = self._option_fields()

    def _option_fields(self) -> dict[str, StepField]:
        found: dict[str, StepField] = {}
        flags: dict[str, str] = {}
        for form in self:
            for each in form.fields:
                for flag in each.flags:
                    if flags.setdefault(flag, each.name) != each.name:
                        raise ValueError(f"{flag} is declared for {flags[flag]} and {each.name}")
                found.setdefault(each.name, each)
        return found

    def __iter__(self) -> Iterator[StepForm]:
        return iter(self._forms.values())

    def __len__(self) -> int:
        return len(self._forms)

    def get(self, step: str) -> StepForm | None:
        """The declaration of ``step``, if it is one."""
        return self._forms.get(step)

    def __getitem__(self, step: str) -> StepForm:
        return self._forms[step]

    def extended(self, *forms: StepForm) -> StepRegistry:
        """These steps followed by ``forms``."""
        return StepRegistry([*self, *forms])

    def with_forms(self) -> tuple[StepForm, ...]:
        """The steps completed by a form of their own, in order."""
        return tuple(form for form in self if form.fields)

    def option_fields(self) -> tuple[StepField, ...]:
        """Every field of every step once, in order: one command-line option each."""
        return tuple(self._fields.values())

    def options(self) -> dict[str, str]:
        """Each field's option as declared, by field name (for error messages)."""
        return {name: each.option for name, each in self._fields.items()}


STEPS = StepRegistry(
    [
        StepForm(ReceiveData, logged_with=NewCase),
        StepForm(InvestigateData),
        StepForm(DeclareData),
        StepForm(SolveData),
        StepForm(NotifyData),
        StepForm(
            FollowUpData,
            doing="Following up",
            usage="--satisfied, or --unsatisfied with --referral and --referral-contact, "
            "or with --internal-review",
        ),
    ]
)
"""The complaint procedure's steps, in order."""
