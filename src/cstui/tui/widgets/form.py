"""A form built from field specs: label, control and an error line under each field.

Both the new-case form and every step form are made of these, so validation errors
from the domain land under the field they name, and what was typed is never cleared.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea

from cstui.errors import FieldProblem
from cstui.models.ask import Kind
from cstui.models.errors import too_long
from cstui.models.text_gate import clean_text
from cstui.tui.widgets.text_area import FieldTextArea

NEAR_LIMIT = 0.8
"""From this share of its limit on, a field's label counts its characters."""


def one_line(pasted: str) -> tuple[str, bool]:
    """``pasted`` as one line, control sequences dropped (the rest kept in order), and
    whether it had several lines (joined with spaces)."""
    lines = [line.strip() for line in clean_text(pasted).splitlines()]
    lines = [line for line in lines if line]
    return " ".join(lines), len(lines) > 1


class LineInput(Input):
    """A one-line field that says what it does with input it cannot take as it is.

    A paste of several lines is joined with spaces, and says so; control sequences in a
    paste are dropped; input past the field's limit is refused with a message (not cut).
    """

    def __init__(self, label: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.label = label

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()
        line, joined = one_line(event.text)
        if not line:
            return
        start, end = sorted(self.selection)
        before = self.value
        self.replace(line, start, end)
        if joined and self.value != before:
            self.notify(f"{self.label}: the pasted lines were joined with spaces", markup=False)

    def restricted(self) -> None:
        """Input past the limit: a bell, and a message naming the field and its limit."""
        super().restricted()
        self.notify(
            f"{self.label} {too_long(self.max_length)}: that was not put in",
            severity="warning",
            markup=False,
        )


@dataclass(frozen=True)
class FieldSpec:
    """One field of a form."""

    name: str
    """Key in the values dict; dots nest (``customer.name``)."""
    label: str
    kind: Kind = "line"
    choices: tuple[tuple[str, str], ...] = ()
    """(label, value) pairs for a choice."""
    placeholder: str = ""
    default: str = ""
    max_length: int = 0


def _control_id(name: str) -> str:
    return "f-" + name.replace(".", "-").replace("_", "-")


class FormField(Vertical):
    """A label, its control, and a line for the field's error."""

    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(classes=f"form-field kind-{spec.kind}")
        self.spec = spec

    def compose(self) -> ComposeResult:
        spec = self.spec
        if spec.kind != "flag":
            yield Label(self._label_text(len(spec.default)), classes="field-label", markup=False)
        yield self._control()
        yield Static("", classes="field-error", markup=False)

    def _control(self) -> Widget:
        spec, cid = self.spec, _control_id(self.spec.name)
        if spec.kind == "text":
            return FieldTextArea(spec.default, id=cid, compact=True, placeholder=spec.placeholder)
        if spec.kind == "choice":
            value = spec.default if spec.default else Select.NULL
            options = [(Text(label), choice) for label, choice in spec.choices]
            return Select(options, value=value, id=cid, compact=True, allow_blank=not spec.default)
        if spec.kind == "flag":
            return Checkbox(spec.label, spec.default == "yes", id=cid, compact=True)
        return LineInput(
            spec.label,
            value=spec.default,
            placeholder=spec.placeholder or ("YYYY-MM-DD" if spec.kind == "date" else ""),
            id=cid,
            compact=True,
            max_length=spec.max_length,
            select_on_focus=False,
        )

    def _label_text(self, length: int) -> str:
        """The label, with ``length/limit`` once the text nears the field's limit."""
        limit = self.spec.max_length
        if limit and length >= limit * NEAR_LIMIT:
            return f"{self.spec.label}  {length}/{limit}"
        return self.spec.label

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _count(self, event: Input.Changed | TextArea.Changed) -> None:
        """Keep the label's count up to date (the message goes on up)."""
        if not self.spec.max_length or self.spec.kind == "flag":
            return
        text = event.value if isinstance(event, Input.Changed) else event.text_area.text
        self.query_one(".field-label", Label).update(self._label_text(len(text)))

    @property
    def control(self) -> Widget:
        """The input widget of this field."""
        return self.query_one(f"#{_control_id(self.spec.name)}")

    def get(self) -> Any:
        """The typed value: text, a chosen value (or None), or a bool for a flag."""
        control = self.control
        if isinstance(control, TextArea):
            return control.text
        if isinstance(control, Select):
            return None if control.value is Select.NULL else control.value
        if isinstance(control, Checkbox):
            return control.value
        assert isinstance(control, Input)
        return control.value

    def set(self, value: Any) -> None:
        """Put ``value`` back into the control."""
        control = self.control
        if isinstance(control, TextArea):
            control.text = str(value or "")
        elif isinstance(control, Select):
            control.value = Select.NULL if value is None else value
        elif isinstance(control, Checkbox):
            control.value = bool(value)
        elif isinstance(control, Input):
            control.value = str(value or "")

    def show_error(self, message: str) -> None:
        """Show (or clear, with "") the message under the field."""
        error = self.query_one(".field-error", Static)
        error.update(message)
        self.set_class(bool(message), "-invalid")

    @property
    def error(self) -> str:
        """The message shown under the field now."""
        return str(self.query_one(".field-error", Static).render())


class Form(Vertical):
    """Fields in tab order, a line for errors that name no field."""

    def __init__(self, specs: Iterable[FieldSpec], *, id: str | None = None) -> None:
        super().__init__(id=id, classes="form")
        self.specs = tuple(specs)

    def compose(self) -> ComposeResult:
        yield Static("", classes="form-error", markup=False)
        for spec in self.specs:
            yield FormField(spec)

    def fields(self) -> list[FormField]:
        """Every field, in order."""
        return list(self.query(FormField))

    def field(self, name: str) -> FormField:
        """The field called ``name``."""
        return next(f for f in self.fields() if f.spec.name == name)

    def first_empty(self) -> FormField:
        """The first field with nothing in it (else the first field)."""
        fields = self.fields()
        return next((f for f in fields if f.get() in ("", None)), fields[0])

    def raw(self) -> dict[str, Any]:
        """Each field's value by its flat name."""
        return {f.spec.name: f.get() for f in self.fields()}

    def values(self) -> dict[str, Any]:
        """Values nested by dotted names, ready for the domain; unchosen choices left out."""
        result: dict[str, Any] = {}
        for name, value in self.raw().items():
            if value is None:
                continue
            target = result
            *parents, leaf = name.split(".")
            for part in parents:
                target = target.setdefault(part, {})
            target[leaf] = value
        return result

    def fill(self, values: dict[str, Any]) -> None:
        """Put flat-named values back (e.g. after reloading a case)."""
        for field in self.fields():
            if field.spec.name in values:
                field.set(values[field.spec.name])

    def is_dirty(self) -> bool:
        """Whether anything differs from the defaults."""
        for field in self.fields():
            value = field.get()
            default: Any = field.spec.default
            if field.spec.kind == "flag":
                default = field.spec.default == "yes"
            elif field.spec.kind == "choice":
                default = field.spec.default or None
            if value != default:
                return True
        return False

    def show_problems(self, problems: Iterable[FieldProblem]) -> FormField | None:
        """Put each message under its field; return the first field with an error."""
        by_name = {f.spec.name: f for f in self.fields()}
        general: list[str] = []
        first: FormField | None = None
        for each in by_name.values():
            each.show_error("")
        for problem in problems:
            target = by_name.get(problem.field)
            if target is None:
                general.append(str(problem))
                continue
            target.show_error(problem.message)
            first = first or target
        self.query_one(".form-error", Static).update("\n".join(general))
        self.set_class(bool(general), "-has-error")
        return first
