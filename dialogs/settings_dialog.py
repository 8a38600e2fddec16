"""Settings: layer roles (detected, shown for confirmation, overridable), fields, rule set, area method,
tolerance and the report's details (审查单位, 审查人, template).

Saved in the project (so a shared .qgz carries them); rule set, area method, tolerance and the report details
also become the defaults for new projects (QgsSettings). Tabs keep the dialog within a 1366×768 screen.
"""
from __future__ import annotations

from qgis.core import QgsMapLayerProxyModel, QgsMapLayerType, QgsProject
from qgis.gui import QgsCheckableComboBox, QgsFieldComboBox, QgsFileWidget, QgsMapLayerComboBox
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.inputs.roles import FIELD_KEYS, HOW_LABELS, ROLE_DEFS, ROLE_INFO, ReviewSettings, detect_roles
from ..core.support.i18n import N_, label, tr
from ..rules import RuleSetError, bundled_rulesets, load_ruleset

FIELD_LABELS = {"id": N_("Id"), "name": N_("Name"), "mineral": N_("Mineral"), "scale": N_("Reserve scale"),
                "capacity": N_("Design capacity"), "capacity_unit": N_("Capacity unit"), "reserves": N_("Reserves"),
                "reserves_unit": N_("Reserves unit"), "activity": N_("Activity (mining or exploration)"),
                "holder": N_("Applicant / holder")}
MAX_HEIGHT = 660          # fits a 1366×768 screen with the task bar and the title bar


class SettingsDialog(QDialog):
    """``detect=True``: run the role detection on open and ask the user to confirm what was found (used when
    a dialog is opened in a project that has no roles yet)."""

    def __init__(self, iface=None, parent=None, project=None, detect: bool = False, purpose: str = ""):
        super().__init__(parent)
        self.setObjectName("MinePlanSettingsDialog")
        self.setWindowTitle(tr("MinePlan Review settings"))
        self.project = project or QgsProject.instance()
        self.settings = ReviewSettings.load(self.project)
        self.detections = {}
        lay = QVBoxLayout(self)
        self.banner = QLabel()
        self.banner.setObjectName("detectionBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("QLabel { background: #fff3cd; border: 1px solid #b26a00; padding: 6px; }")
        self.banner.setVisible(False)
        lay.addWidget(self.banner)
        self.tabs = QTabWidget()
        lay.addWidget(self.tabs, 1)
        self.tabs.addTab(self._roles_tab(), tr("Layer roles"))
        self.tabs.addTab(self._fields_tab(), tr("Fields"))
        self.tabs.addTab(self._rules_tab(), tr("Rule set and measurement"))
        self.tabs.addTab(self._report_tab(), tr("Report"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        lay.addWidget(buttons)
        self.load(self.settings)
        self.resize(720, MAX_HEIGHT)
        self.setMaximumHeight(MAX_HEIGHT + 60)
        if detect or not self.settings.has_roles(self.project):
            found = self.auto_detect()
            self.show_detection(found, purpose)

    # ---- tabs ------------------------------------------------------------------------------------------------
    def _roles_tab(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        top = QHBoxLayout()
        hint = QLabel(tr("Which layer of the project is which. Detected from layer names, the layer codes of the "
                         "national spatial-planning database (STBHHX, YJJBNT, CZKFBJ …) and field signatures."))
        hint.setWordWrap(True)
        top.addWidget(hint, 1)
        self.detect_button = QPushButton(tr("Detect layer roles"))
        self.detect_button.setObjectName("detectButton")
        self.detect_button.clicked.connect(lambda: self.show_detection(self.auto_detect(overwrite=True)))
        top.addWidget(self.detect_button, 0, Qt.AlignmentFlag.AlignTop)
        v.addLayout(top)
        box = QWidget()
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.role_combos, self.role_how = {}, {}
        for role, zh, en, _ in ROLE_DEFS:
            c = QgsMapLayerComboBox()
            c.setFilters(QgsMapLayerProxyModel.Filter.VectorLayer)
            c.setAllowEmptyLayer(True)
            if hasattr(c, "setProject"):   # QGIS ≥ 3.24; 3.22 always lists QgsProject.instance()
                c.setProject(self.project)
            c.setObjectName(f"role_{role}")
            how = QLabel()
            how.setObjectName(f"how_{role}")
            how.setStyleSheet("color: #555;")
            how.setMinimumWidth(110)
            row = QHBoxLayout()
            row.addWidget(c, 1)
            row.addWidget(how)
            form.addRow(label(zh, en), row)
            self.role_combos[role] = c
            self.role_how[role] = how
            c.layerChanged.connect(self._role_edited)      # a bound method: no reference cycle
        self.others_combo = QgsCheckableComboBox()
        self.others_combo.setObjectName("role_other")
        self.others_combo.setDefaultText(tr("none"))
        for lyr in self.project.mapLayers().values():
            if lyr.type() == QgsMapLayerType.VectorLayer:
                self.others_combo.addItemWithCheckState(lyr.name(), Qt.CheckState.Unchecked, lyr.id())
        other = ROLE_INFO["other"]
        form.addRow(label(other.zh, other.en), self.others_combo)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(box)
        v.addWidget(scroll, 1)
        return page

    def _fields_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        hint = QLabel(tr("Fields of the features under review. Empty = detected from the field names."))
        hint.setWordWrap(True)
        form.addRow(hint)
        self.field_combos = {}
        for key in FIELD_KEYS:
            c = QgsFieldComboBox()
            c.setAllowEmptyFieldName(True)
            c.setObjectName(f"field_{key}")
            form.addRow(tr(FIELD_LABELS[key]), c)
            self.field_combos[key] = c
        self.role_combos["proposed"].layerChanged.connect(self._proposed_changed)
        return page

    def _rules_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.ruleset_combo = QComboBox()
        for plan_id, path in bundled_rulesets().items():
            try:
                text = load_ruleset(path).name
            except RuleSetError:
                text = plan_id
            self.ruleset_combo.addItem(text, plan_id)
        self.ruleset_combo.addItem(tr("Other rule file…"), "__file__")
        self.ruleset_file = QgsFileWidget()
        self.ruleset_file.setFilter("YAML (*.yaml *.yml)")
        self.ruleset_file.setDefaultRoot(self.project.homePath() or "")
        form.addRow(tr("Plan"), self.ruleset_combo)
        form.addRow(tr("Rule file"), self.ruleset_file)
        self.ruleset_combo.currentIndexChanged.connect(self._ruleset_changed)
        self.area_method = QComboBox()
        self.area_method.addItems([tr("Ellipsoidal (CGCS2000)"), tr("Planar (projected working CRS)")])
        self.tolerance = QDoubleSpinBox()
        self.tolerance.setRange(0.0, 1e6)
        self.tolerance.setDecimals(2)
        self.tolerance.setSuffix(" m²")
        form.addRow(tr("Area method"), self.area_method)
        form.addRow(tr("Sliver tolerance"), self.tolerance)
        return page

    def _report_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        hint = QLabel(tr("Printed in the closing 审查意见 of the report. Left empty, the report has blank lines to "
                         "fill in by hand."))
        hint.setWordWrap(True)
        form.addRow(hint)
        self.review_unit = QLineEdit()
        self.review_unit.setObjectName("review_unit")
        self.reviewer = QLineEdit()
        self.reviewer.setObjectName("reviewer")
        self.report_template = QgsFileWidget()
        self.report_template.setObjectName("report_template")
        self.report_template.setFilter(tr("Report templates (*.html *.j2 *.html.j2)"))
        self.report_template.setDefaultRoot(self.project.homePath() or "")
        form.addRow(tr("Reviewing unit"), self.review_unit)
        form.addRow(tr("Reviewer"), self.reviewer)
        form.addRow(tr("Report template (empty = bundled)"), self.report_template)
        return page

    # ---- state ⇄ widgets -----------------------------------------------------------------------------
    def load(self, s: ReviewSettings):
        bundled = bundled_rulesets()
        if not s.ruleset or s.ruleset in bundled:
            idx = self.ruleset_combo.findData(s.ruleset or "lingbao_2021_2025")
            self.ruleset_combo.setCurrentIndex(max(idx, 0))
        else:
            self.ruleset_combo.setCurrentIndex(self.ruleset_combo.findData("__file__"))
            self.ruleset_file.setFilePath(s.ruleset)
        self._ruleset_changed()
        for role, combo in self.role_combos.items():
            combo.setLayer(s.layer(role, self.project))
        self.others_combo.setCheckedItems([lyr.name() for lyr in s.other_layers(self.project)])
        self._proposed_changed(self.role_combos["proposed"].currentLayer())
        for key, combo in self.field_combos.items():
            combo.setField(s.fields.get(key, ""))
        self.area_method.setCurrentIndex(int(s.area_method))
        self.tolerance.setValue(float(s.min_overlap_area))
        self.review_unit.setText(s.review_unit)
        self.reviewer.setText(s.reviewer)
        self.report_template.setFilePath(s.report_template)
        for how in self.role_how.values():
            how.clear()

    def current(self) -> ReviewSettings:
        s = ReviewSettings()
        data = self.ruleset_combo.currentData()
        s.ruleset = self.ruleset_file.filePath() if data == "__file__" else (
            "" if data == "lingbao_2021_2025" else data)
        for role, combo in self.role_combos.items():
            if combo.currentLayer() is not None:
                s.roles[role] = combo.currentLayer().id()
        s.others = [lid for lid in (self.others_combo.itemData(i) for i in range(self.others_combo.count())
                                    if self.others_combo.itemCheckState(i) == Qt.CheckState.Checked) if lid]
        for key, combo in self.field_combos.items():
            if combo.currentField():
                s.fields[key] = combo.currentField()
        s.area_method = self.area_method.currentIndex()
        s.min_overlap_area = self.tolerance.value()
        s.review_unit = self.review_unit.text().strip()
        s.reviewer = self.reviewer.text().strip()
        s.report_template = self.report_template.filePath().strip()
        return s

    def _ruleset_changed(self, *args):
        self.ruleset_file.setEnabled(self.ruleset_combo.currentData() == "__file__")

    def _proposed_changed(self, layer):
        for combo in self.field_combos.values():
            combo.setLayer(layer)

    def _role_edited(self, *args):
        sender = self.sender()
        role = sender.objectName()[len("role_"):] if sender is not None else ""
        combo = self.role_combos.get(role)
        d = self.detections.get(role)
        if combo is None:
            return
        if d is not None and (combo.currentLayer() is None or combo.currentLayer().id() != d.layer_id):
            self.role_how[role].setText(tr("changed by hand"))

    # ---- detection -------------------------------------------------------------------------------------------
    def auto_detect(self, overwrite: bool = False) -> dict:
        """Detect roles of the project's layers and fill the empty role boxes (all of them with ``overwrite``).
        Returns role → layer id of what was filled; the "how" column says how each was recognised."""
        found = {}
        for d in detect_roles(self.project):
            combo = self.role_combos.get(d.role)
            if combo is None:
                continue
            if combo.currentLayer() is not None and not overwrite:
                continue
            combo.setLayer(self.project.mapLayer(d.layer_id))
            self.detections[d.role] = d
            self.role_how[d.role].setText(label(*HOW_LABELS[d.how]))
            self.role_how[d.role].setToolTip(d.detail)
            found[d.role] = d.layer_id
        return found

    def show_detection(self, found: dict, purpose: str = ""):
        if found:
            text = tr("{0} layer role(s) were detected. Check them (the column on the right says how each was "
                      "recognised) and press Save; nothing is used before you confirm.").format(len(found))
        else:
            text = tr("No layer role could be detected: choose the layers below.")
        if purpose:
            text = tr("Before {0}: ").format(purpose) + text
        self.banner.setText(text)
        self.banner.setVisible(True)
        self.tabs.setCurrentIndex(0)

    def accept(self):
        s = self.current()
        if s.ruleset:
            try:
                load_ruleset(s.ruleset)
            except RuleSetError as exc:
                QMessageBox.critical(self, tr("Rule set"), str(exc))
                return
        s.save(self.project)
        s.save_defaults()
        self.project.setDirty(True)
        super().accept()
