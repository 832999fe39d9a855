"""The estimate editor's version bar and what its buttons record (R15).

:class:`VersionDecisions` owns the :class:`~nit_desk.views.money.estimate_parts.VersionBar`
and its buttons' work: Save draft (Ctrl+S), Propose, "New version from this", the
client's answer Agree and Reject (each asks "Agree version 2 for 2 100 ₽?"
first), and "Reload (keep my lines)" after a conflict. One decision at a time:
the buttons stay disabled until the call is answered, so a double click records
one step. It works on the editor it belongs to (the shown version, its lines
and versions) and calls the estimate services through the editor's session.
Its texts keep the editor's translation context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Slot
from PySide6.QtWidgets import QMessageBox

from nit_desk.domain.errors import NitDeskError
from nit_desk.domain.types import EstimateStatus
from nit_desk.models.money.estimate_model import EditableLine
from nit_desk.services.money import estimates
from nit_desk.services.money.money_dto import EstimateDTO
from nit_desk.ui.money_text import money_text, status_name
from nit_desk.ui.runner import run_async
from nit_desk.ui.session import Session
from nit_desk.views.money.estimate_parts import VersionBar

if TYPE_CHECKING:
    from nit_desk.views.money.estimate_editor import EstimateEditor

_DECIDE = {"propose": estimates.propose, "agree": estimates.agree, "reject": estimates.reject}


def _tr(text: str) -> str:
    return QCoreApplication.translate("EstimateEditor", text)


class VersionDecisions(QObject):
    """Save, propose, agree, reject, branch and reload the editor's shown version (R15)."""

    def __init__(self, editor: EstimateEditor, session: Session) -> None:
        super().__init__(editor)
        self._editor, self._session = editor, session
        self.deciding = False
        self.bar = bar = VersionBar()
        for button, slot in ((bar.save_button, self._on_save_button_clicked),
                             (bar.propose_button, self._on_propose_button_clicked),
                             (bar.agree_button, self._on_agree_button_clicked),
                             (bar.reject_button, self._on_reject_button_clicked),
                             (bar.new_version_button, self._on_new_version_button_clicked),
                             (bar.reload_button, self._on_reload_button_clicked)):
            button.clicked.connect(slot)

    def update_buttons(self, *, has_lines: bool, other_open: EstimateDTO | None) -> None:
        """Enable what the shown version allows; ``other_open``: a draft or proposal elsewhere."""
        editor, bar = self._editor, self.bar
        est = editor.estimate
        status = est.status if est else None
        idle = not self.deciding  # one decision at a time: a double click records one step
        bar.save_button.setEnabled(idle and editor.editable and editor.dirty)
        bar.propose_button.setEnabled(idle and status is EstimateStatus.DRAFT and has_lines)
        bar.agree_button.setEnabled(idle and status is EstimateStatus.PROPOSED)
        bar.reject_button.setEnabled(idle and status is EstimateStatus.PROPOSED)
        bar.answer_label.setEnabled(status is EstimateStatus.PROPOSED)
        can_branch = idle and est is not None and est.frozen and other_open is None
        bar.new_version_button.setEnabled(can_branch)
        bar.new_version_button.setToolTip(
            _tr("Version {number} is still open: agree or reject it first").format(
                number=other_open.number) if other_open is not None and est is not None
            and est.frozen else _tr("Start a new draft version from this one"))

    # -- recording -------------------------------------------------------------

    async def start(self) -> None:
        """Start the request's first estimate: an empty draft, then shown."""
        editor = self._editor
        if editor.request_id is None:
            return
        editor.start_message.clear_message()
        draft = await self._session.call(estimates.create_draft, editor.request_id)
        editor.reload(select_id=draft.id)

    async def save(self) -> bool:
        """Save the draft's lines and note; False (with the reason shown) when refused."""
        editor = self._editor
        est = editor.estimate
        if est is None or not editor.editable:
            return False
        editor.model.clear_errors()
        editor.message.clear_message()
        try:
            saved = await self._session.call(
                estimates.save_draft, est.id, est.version,
                lines=editor.model.line_inputs(), note=editor.model.note)
        except NitDeskError as err:
            editor.show_error(err)
            return False
        self._after_save(saved)
        return True

    def _after_save(self, saved: EstimateDTO) -> None:
        editor, model = self._editor, self._editor.model
        editor.replace_version(saved)
        editor.estimate = saved
        same = (tuple(EditableLine.from_line(line) for line in saved.lines) == model.lines
                and saved.note == model.note)
        if same:
            model.undo_stack.setClean()
            editor.history.set_versions(editor.versions, saved.id)
            editor.update_state()
        else:  # the service tidied the text: show what was stored
            editor.show_version(saved)
        self.bar.conflict_banner.setVisible(False)
        editor.say(_tr("Version {number} saved.").format(number=saved.number))

    async def decide(self, verb: str) -> EstimateDTO | None:
        """``propose`` (saving first if needed), ``agree`` or ``reject`` the shown version.

        The decision buttons stay disabled until the call is answered, so a second
        click of a double click records nothing. The buttons ask first
        (:meth:`confirm_decision`); this method records without asking.
        """
        editor = self._editor
        est = editor.estimate
        if est is None or self.deciding:
            return None
        self.deciding = True
        editor.update_state()
        try:
            decided = await self._record_decision(verb, est)
        finally:
            self.deciding = False
            editor.update_state()
        if decided is None:
            return None
        editor.replace_version(decided)
        editor.show_version(decided)
        texts = {"propose": _tr("Version {number} proposed to the client."),
                 "agree": _tr("Version {number} agreed: it is frozen now."),
                 "reject": _tr("Version {number} rejected.")}
        editor.say(texts[verb].format(number=decided.number))
        return decided

    async def _record_decision(self, verb: str, est: EstimateDTO) -> EstimateDTO | None:
        editor = self._editor
        if verb == "propose" and editor.dirty and not await self.save():
            return None
        shown = editor.estimate  # a save before proposing may have replaced it
        return await self._session.call(_DECIDE[verb], shown.id if shown else est.id)

    def confirm_decision(self, verb: str) -> bool:
        """Ask "Agree version 2 for 2 100 ₽?" (or Reject) before recording the answer."""
        est = self._editor.estimate
        if est is None:
            return False
        total = money_text(est.total_kopecks)
        if verb == "agree":
            title = _tr("Agree to the estimate")
            question = _tr("Agree version {number} for {total}?")
        else:
            title = _tr("Reject the estimate")
            question = _tr("Reject version {number} for {total}?")
        box = QMessageBox(QMessageBox.Icon.Question, title,
                          question.format(number=est.number, total=total),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                          self._editor)
        box.setObjectName("decisionConfirmation")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes

    async def new_version(self) -> EstimateDTO | None:
        """A new draft from the shown version; unsaved local lines are kept in it."""
        editor = self._editor
        est = editor.estimate
        if est is None or editor.request_id is None:
            return None
        keep_local = editor.dirty
        draft = await self._session.call(estimates.create_draft, editor.request_id,
                                         based_on=est.id)
        editor.replace_version(draft)
        if keep_local:
            editor.estimate = draft
            editor.model.set_read_only(False)
            editor.history.set_versions(editor.versions, draft.id)
            editor.update_state()
        else:
            editor.show_version(draft)
        editor.say(_tr("Draft version {number} started from version {old}.").format(
            number=draft.number, old=est.number))
        return draft

    async def reload_kept(self) -> None:
        """Take the stored version's counter and state; the local lines stay as they are."""
        editor = self._editor
        est = editor.estimate
        if est is None:
            return
        fresh = await self._session.call(estimates.get_estimate, est.id)
        editor.replace_version(fresh)
        editor.estimate = fresh
        self.bar.conflict_banner.setVisible(False)
        editor.history.set_versions(editor.versions, fresh.id)
        if fresh.frozen:
            editor.model.set_read_only(True)
            editor.message.show_info(_tr(
                "Version {number} is {status} now. Your lines are kept: use \"New version "
                "from this\" to continue with them.").format(
                    number=fresh.number, status=status_name(fresh.status)))
        else:
            editor.message.show_info(_tr(
                "Reloaded version {number}; your lines are kept. Save to replace the stored "
                "ones, or Compare… to see the difference.").format(number=fresh.number))
        editor.update_state()

    # -- slots: each call belongs to the editor (its errors show there) ----------

    @Slot()
    def _on_save_button_clicked(self) -> None:
        run_async(self.save(), owner=self._editor)

    @Slot()
    def _on_propose_button_clicked(self) -> None:
        run_async(self.decide("propose"), owner=self._editor)

    @Slot()
    def _on_agree_button_clicked(self) -> None:
        if self.confirm_decision("agree"):
            run_async(self.decide("agree"), owner=self._editor)

    @Slot()
    def _on_reject_button_clicked(self) -> None:
        if self.confirm_decision("reject"):
            run_async(self.decide("reject"), owner=self._editor)

    @Slot()
    def _on_new_version_button_clicked(self) -> None:
        run_async(self.new_version(), owner=self._editor)

    @Slot()
    def _on_reload_button_clicked(self) -> None:
        run_async(self.reload_kept(), owner=self._editor)
