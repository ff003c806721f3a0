"""Nothing typed is lost: one way for every form to keep its text as a draft.

A screen or dialog mixes in :class:`Drafting` and names its draft (``draft_name``). From
then on every change to one of its fields keeps the typed text in a worker thread, at most
:data:`KEEP_EVERY` seconds after the change; a closing terminal keeps it at once
(:meth:`Drafting.keep_draft`); opening the form again offers it back (restore or discard);
saving the form or discarding it on purpose drops it (:meth:`Drafting.draft_done`).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from cstui.errors import CstuiError
from cstui.tui.screens.background import BackgroundWork

if TYPE_CHECKING:  # the widgets load with the first form, not at start
    from datetime import datetime, tzinfo

    from textual.app import App
    from textual.timer import Timer
    from textual.widgets import Checkbox, Input, Select, TextArea

    from cstui.bundle import Drafts, KeptDraft
    from cstui.tui.widgets.form import Form


KEEP_EVERY = 0.5
"""Seconds from a change until the typed text is kept (typing on does not delay it)."""

_KEEPING = threading.Lock()
"""Held while a draft is written or dropped, so a drop is never followed by a late keep."""

Values = dict[str, Any]


class DraftKeeper:
    """Where drafts go: the user's draft store, the clock and the time zone, handed over by
    the app once, for every form to use."""

    def __init__(
        self,
        drafts: Callable[[], Drafts],
        clock: Callable[[], datetime],
        zone: Callable[[], tzinfo],
    ) -> None:
        """Each is asked for when first needed, never at start."""
        self._drafts = drafts
        self.clock = clock
        self._zone = zone

    @property
    def zone(self) -> tzinfo:
        """The centre's time zone, for showing when a draft was kept."""
        return self._zone()

    @property
    def drafts(self) -> Drafts:
        """The user's drafts."""
        return self._drafts()


def keeper_of(app: App[Any]) -> DraftKeeper | None:
    """The app's draft keeper (None in an app that keeps no drafts)."""
    keeper = getattr(app, "draft_keeper", None)
    return keeper if isinstance(keeper, DraftKeeper) else None


def _forms(root: Any) -> list[Form]:
    from cstui.tui.widgets.form import Form

    return list(root.query(Form))


def _text_controls(root: Any) -> list[Input | TextArea | Select[Any] | Checkbox]:
    return [w for w in root.query("Input, TextArea, Select, Checkbox") if w.id]


def control_value(control: Input | TextArea | Select[Any] | Checkbox) -> Any:
    """The value of a field control, as a draft keeps it."""
    from textual.widgets import Select, TextArea

    if isinstance(control, TextArea):
        return control.text
    if isinstance(control, Select):
        return None if control.value is Select.NULL else control.value
    return control.value


class Drafting(BackgroundWork):
    """Mixed into a screen or dialog (``class D(Drafting, ModalScreen[...])``): what is
    typed into it is kept as the draft ``draft_name`` and offered back when it opens."""

    draft_name: str | None = None
    """The draft this form's text is kept as; None keeps nothing."""
    _draft_timer: Timer | None = None
    _draft_generation = 0
    """Bumped when the form is done with: a keep started before that does not write."""
    _draft_offered = False

    # -- what is typed -------------------------------------------------------------------
    def draft_values(self) -> Values | None:
        """What is typed now, by field; None when nothing is worth keeping.

        A form's fields by name if the screen has forms (kept when any differs from its
        default), else every named text field (kept when any has text).
        """
        forms = _forms(self)
        if forms:
            if not any(form.is_dirty() for form in forms):
                return None
            return {name: value for form in forms for name, value in form.raw().items()}
        values = {c.id: control_value(c) for c in _text_controls(self) if c.id}
        has_text = any(isinstance(v, str) and v.strip() for v in values.values())
        return values if has_text else None

    def restore_draft(self, values: Values) -> None:
        """Put a kept draft's text back into the fields it came from."""
        from textual.widgets import Checkbox, Select, TextArea

        forms = _forms(self)
        for form in forms:
            form.fill(values)
        if forms:
            return
        for control in _text_controls(self):
            if control.id not in values:
                continue
            value = values[control.id]
            if isinstance(control, TextArea):
                control.text = str(value or "")
            elif isinstance(control, Select):
                control.value = Select.NULL if value is None else value
            elif isinstance(control, Checkbox):
                control.value = bool(value)
            else:
                control.value = str(value or "")

    # -- keeping ---------------------------------------------------------------------------
    def _on_input_changed(self) -> None:
        self.draft_typed()

    def _on_text_area_changed(self) -> None:
        self.draft_typed()

    def _on_select_changed(self) -> None:
        self.draft_typed()

    def _on_checkbox_changed(self) -> None:
        self.draft_typed()

    def draft_typed(self) -> None:
        """Something changed: keep the text soon (once per :data:`KEEP_EVERY`)."""
        if self.draft_name is not None and self._draft_timer is None:
            self._draft_timer = self.set_timer(KEEP_EVERY, self._keep_in_background)

    def _keep_in_background(self) -> None:
        self._draft_timer = None
        job = self._draft_job()
        if job is not None:
            self.run_to_the_end(job, group="draft-keep")

    def _draft_job(self) -> Callable[[], None] | None:
        """What keeps the text as it is now (or drops the draft when nothing is typed)."""
        keeper = keeper_of(self.app) if self.is_attached else None
        name = self.draft_name
        if keeper is None or name is None or not self.is_mounted:
            return None
        values, at, generation = self.draft_values(), keeper.clock(), self._draft_generation

        def keep() -> None:
            with _KEEPING:
                if generation != self._draft_generation:
                    return  # saved or discarded meanwhile
                with contextlib.suppress(CstuiError, OSError):  # the form still holds it
                    if values is None:
                        keeper.drafts.drop(name)
                    else:
                        keeper.drafts.save(name, values, at)

        return keep

    def keep_draft(self) -> None:
        """Keep what is typed now, in this thread, so a closing terminal loses nothing."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        job = self._draft_job()
        if job is not None:
            job()

    def draft_done(self, *, now: bool = False) -> None:
        """The form was saved or discarded on purpose: drop its draft, keep no more
        (``now``: in this thread, as the app is about to end)."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        keeper, name = keeper_of(self.app), self.draft_name
        with _KEEPING:
            self._draft_generation += 1
        if keeper is None or name is None:
            return

        def drop() -> None:
            with _KEEPING, contextlib.suppress(CstuiError, OSError):
                keeper.drafts.drop(name)

        if now:
            drop()
            return
        self.run_to_the_end(drop, group="draft-keep")

    # -- offering back ---------------------------------------------------------------------
    def name_draft(self, name: str | None) -> None:
        """From now on keep this form's text as ``name`` (a form whose draft changes, as a
        case's step form does); a draft kept under that name is offered back."""
        if name != self.draft_name:
            self.draft_name, self._draft_offered = name, False
        self.offer_kept_draft()

    def on_mount(self) -> None:
        """Offer a kept draft of this form back (each class's ``on_mount`` runs)."""
        if self.draft_name is not None:
            self.call_after_refresh(self.offer_kept_draft)

    def offer_kept_draft(self) -> None:
        """If a draft of this form is kept, ask whether to put it back (or discard it).

        Read in a worker; asked only once per form, and not when the form already holds
        that text."""
        keeper, name = keeper_of(self.app), self.draft_name
        if keeper is None or name is None or self._draft_offered:
            return
        self._draft_offered = True

        def read() -> KeptDraft | None:
            with contextlib.suppress(OSError):  # unreadable: there is nothing to offer
                return keeper.drafts.load(name)
            return None

        def offer(kept: KeptDraft | None) -> None:
            if kept is not None:
                self._offer(keeper, name, kept)

        self.load(read, offer, group="draft-read", failed=lambda _exc: None)

    def _offer(self, keeper: DraftKeeper, name: str, kept: KeptDraft) -> None:
        from cstui.tui.dialogs.confirm import ConfirmDialog

        values = dict(kept.values)
        if not self.is_attached or name != self.draft_name or values == self.draft_values():
            return
        when = kept.saved_at.astimezone(keeper.zone)

        def answered(restore: bool | None) -> None:
            if restore:
                self.restore_draft(values)

        question = (
            f"You typed text here at {when:%Y-%m-%d %H:%M} that was not saved. "
            "Put it back? (n keeps it for later, until you type here)"
        )
        self.app.push_screen(ConfirmDialog(question), answered)


def drafting_screens(app: App[Any]) -> list[Drafting]:
    """Every open screen and dialog that keeps drafts, bottom first."""
    return [s for s in app.screen_stack if isinstance(s, Drafting)]


def unsaved(app: App[Any]) -> list[Drafting]:
    """The open forms holding typed text that is not saved."""
    return [s for s in drafting_screens(app) if s.draft_name and s.draft_values() is not None]
