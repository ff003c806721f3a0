"""One way to run loads and saves off the UI thread, for every screen and dialog.

Loads are exclusive: a newer load of the same kind cancels an older one, whose result is
then dropped. Work that reports nothing back (keeping a draft) runs to the end on the
app, even when its screen closes. Saves wait in a queue and run one after
another, never cancelled: each one's result (a case's new version, say) reaches the
screen before the next save starts, and a save still runs to the end if the screen
closes meanwhile. Either way the result comes back on the UI thread.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from textual.screen import Screen
from textual.worker import Worker, get_current_worker

from cstui.errors import ConflictError, CstuiError, InputError

if TYPE_CHECKING:
    from cstui.tui.widgets.form import Form

    ScreenBase = Screen[Any]
else:  # a mixin at run time, so a dialog keeps ModalScreen's look
    ScreenBase = object

T = TypeVar("T")

Failed = Callable[[CstuiError], None]
"""Told what went wrong, on the UI thread, instead of the usual message."""


@dataclass(eq=False)
class _Save(Generic[T]):
    """A save waiting its turn: ``prepare`` runs on the UI thread when its turn comes and
    gives the work for the worker thread (or None: nothing to save any more)."""

    prepare: Callable[[], Callable[[], T] | None]
    done: Callable[[T], None]
    form: Form | None
    failed: Failed | None
    key: str | None


class BackgroundWork(ScreenBase):
    """Mixed into a screen or dialog: its store and file work runs in a thread and
    reports back here (``class S(BackgroundWork, Screen[...])``)."""

    def __init__(self) -> None:
        super().__init__()
        self._saves: deque[_Save[Any]] = deque()
        self._saving: _Save[Any] | None = None

    # -- loads ---------------------------------------------------------------------------
    def load(
        self,
        job: Callable[[], T],
        done: Callable[[T], None],
        *,
        group: str = "load",
        failed: Failed | None = None,
    ) -> Worker[None]:
        """Run ``job`` in a thread, then ``done(result)`` here, unless a newer load of the
        same ``group`` started meanwhile (that one's result is the one shown)."""

        def work() -> None:
            worker = get_current_worker()
            outcome: T | CstuiError
            try:
                outcome = job()
            except CstuiError as exc:
                outcome = exc
            if not worker.is_cancelled:
                self._back_on_ui(self._load_finished, worker, outcome, done, failed)

        return self.run_worker(
            work, thread=True, exclusive=True, group=f"load:{group}", exit_on_error=False
        )

    def _load_finished(
        self,
        worker: Worker[None],
        outcome: T | CstuiError,
        done: Callable[[T], None],
        failed: Failed | None,
    ) -> None:
        if worker.is_cancelled or not self.is_attached:
            return
        if isinstance(outcome, CstuiError):
            (failed or self.show_error)(outcome)
        else:
            done(outcome)

    def run_to_the_end(self, job: Callable[[], None], *, group: str) -> None:
        """Run ``job`` in a thread that outlives this screen (keeping a draft as it
        closes); it reports nothing back, so ``job`` deals with its own failures."""
        self.app.run_worker(job, thread=True, group=group, exit_on_error=False)

    # -- saves ---------------------------------------------------------------------------
    @property
    def saving(self) -> bool:
        """A save is running or waiting."""
        return self._saving is not None or bool(self._saves)

    def save(
        self,
        job: Callable[[], T],
        done: Callable[[T], None],
        form: Form | None = None,
        *,
        failed: Failed | None = None,
        key: str | None = None,
    ) -> None:
        """Queue ``job`` behind the saves before it; then ``done(result)``, or say what
        went wrong (an input problem lands under its field in ``form``)."""
        self.save_when_due(lambda: job, done, form, failed=failed, key=key)

    def save_when_due(
        self,
        prepare: Callable[[], Callable[[], T] | None],
        done: Callable[[T], None],
        form: Form | None = None,
        *,
        failed: Failed | None = None,
        key: str | None = None,
    ) -> None:
        """Like :meth:`save`, but the work is made by ``prepare`` when its turn comes, so it
        reads what the saves before it left (a new version). A save with the ``key`` of
        one still waiting is not queued twice: the waiting one will save the latest."""
        if key is not None and any(waiting.key == key for waiting in self._saves):
            return
        self._saves.append(_Save(prepare, done, form, failed, key))
        self._next_save()

    def _next_save(self) -> None:
        while self._saving is None and self._saves:
            entry = self._saves.popleft()
            work = entry.prepare()
            if work is not None:
                self._saving = entry
                self._start_save(entry, work)
        if not self.saving:
            self.all_saved()

    def _start_save(self, entry: _Save[T], work: Callable[[], T]) -> None:
        def run() -> None:
            outcome: T | CstuiError
            try:
                outcome = work()
            except CstuiError as exc:
                outcome = exc
            self._back_on_ui(self._save_finished, entry, outcome)

        # On the app, not this screen: closing the screen must not cancel a save.
        self.app.run_worker(run, thread=True, group="save", exit_on_error=False)

    def _save_finished(self, entry: _Save[T], outcome: T | CstuiError) -> None:
        self._saving = None
        if not self.is_attached:  # closed meanwhile: saved all the same, nothing to draw
            if isinstance(outcome, CstuiError):
                self.app.notify(str(outcome), severity="error", markup=False, timeout=10)
        elif isinstance(outcome, CstuiError):
            (entry.failed or (lambda exc: self._save_failed(exc, entry.form)))(outcome)
        else:
            entry.done(outcome)
        self._next_save()

    def all_saved(self) -> None:
        """Every queued save has finished; a screen that waits for that overrides this."""

    def _save_failed(self, exc: CstuiError, form: Form | None) -> None:
        if isinstance(exc, InputError) and form is not None and form.is_attached:
            first = form.show_problems(exc.problems)
            if first is not None:
                first.control.focus()
            self.notify(
                "Not saved: fix the fields marked in red. Nothing you typed was lost.",
                severity="error",
                markup=False,
            )
            return
        self.show_error(exc)

    def _back_on_ui(self, callback: Callable[..., None], *args: Any) -> None:
        """From a worker thread: run ``callback(*args)`` on the UI thread (and wait)."""
        with suppress(RuntimeError):  # the app has closed: nobody to tell
            self.app.call_from_thread(callback, *args)

    # -- errors --------------------------------------------------------------------------
    def show_error(self, exc: CstuiError) -> None:
        """Tell the user in plain words; a conflict says how to reload and keep the text."""
        message = str(exc)
        if isinstance(exc, ConflictError):
            message += ". Press ctrl+r to reload it; what you typed is kept."
        self.notify(message, severity="error", markup=False, timeout=10)
