"""Settings: rule set, layer roles (auto-detected, overridable), field mapping, area method, tolerance.

Saved in the project (so a shared .qgz carries them); rule set, area method and tolerance also become
the defaults for new projects (QgsSettings)."""
from __future__ import annotations

from qgis.core import QgsMapLayerProxyModel, QgsProject
from qgis.gui import QgsFieldComboBox, QgsFileWidget, QgsMapLayerComboBox
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
)

from ..core.i18n import N_, tr
from ..core.roles import FIELD_KEYS, ROLE_DEFS, ReviewSettings
from ..rules import RuleSetError, bundled_rulesets, load_ruleset

FIELD_LABELS = {"id": N_("Id"), "name": N_("Name"), "mineral": N_("Mineral"), "scale": N_("Reserve scale"),
                "capacity": N_("Design capacity"), "capacity_unit": N_("Capacity unit"), "reserves": N_("Reserves"),
                "reserves_unit": N_("Reserves unit"), "activity": N_("Activity (采矿/探矿)")}


class SettingsDialog(QDialog):
    def __init__(self, iface=None, parent=None, project=None):
        super().__init__(parent)
        self.setObjectName("MinePlanSettingsDialog")
        self.setWindowTitle(tr("MinePlan Review settings"))
        self.project = project or QgsProject.instance()
        self.settings = ReviewSettings.load(self.project)
        lay = QVBoxLayout(self)

        box = QGroupBox(tr("Rule set"))
        form = QFormLayout(box)
        self.ruleset_combo = QComboBox()
        for plan_id, path in bundled_rulesets().items():
            try:
                label = f"{load_ruleset(path).name} ({plan_id})"
            except RuleSetError:
                label = plan_id
            self.ruleset_combo.addItem(label, plan_id)
        self.ruleset_combo.addItem(tr("Other rule file…"), "__file__")
        self.ruleset_file = QgsFileWidget()
        self.ruleset_file.setFilter("YAML (*.yaml *.yml)")
        form.addRow(tr("Plan"), self.ruleset_combo)
        form.addRow(tr("Rule file"), self.ruleset_file)
        self.ruleset_combo.currentIndexChanged.connect(self._ruleset_changed)
        lay.addWidget(box)

        box = QGroupBox(tr("Layer roles"))
        roles_form = QFormLayout(box)
        self.role_combos = {}
        for role, zh, en, _ in ROLE_DEFS:
            c = QgsMapLayerComboBox()
            c.setFilters(QgsMapLayerProxyModel.VectorLayer)
            c.setAllowEmptyLayer(True)
            if hasattr(c, "setProject"):   # QGIS ≥ 3.24; 3.22 always lists QgsProject.instance()
                c.setProject(self.project)
            c.setObjectName(f"role_{role}")
            shown = tr(en)
            roles_form.addRow(zh if shown == zh else f"{zh} / {shown}", c)
            self.role_combos[role] = c
        detect = QPushButton(tr("Auto-detect from layer names"))
        detect.clicked.connect(self.auto_detect)
        roles_form.addRow("", detect)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(box)
        scroll.setMinimumHeight(340)
        lay.addWidget(scroll, 1)

        box = QGroupBox(tr("Fields of the features under review (empty = auto-detect)"))
        fields_form = QFormLayout(box)
        self.field_combos = {}
        for key in FIELD_KEYS:
            c = QgsFieldComboBox()
            c.setAllowEmptyFieldName(True)
            fields_form.addRow(tr(FIELD_LABELS[key]), c)
            self.field_combos[key] = c
        self.role_combos["proposed"].layerChanged.connect(self._proposed_changed)
        lay.addWidget(box)

        box = QGroupBox(tr("Measurement"))
        m = QFormLayout(box)
        self.area_method = QComboBox()
        self.area_method.addItems([tr("Ellipsoidal (CGCS2000)"), tr("Planar (projected working CRS)")])
        self.tolerance = QDoubleSpinBox()
        self.tolerance.setRange(0.0, 1e6)
        self.tolerance.setDecimals(2)
        self.tolerance.setSuffix(" m²")
        m.addRow(tr("Area method"), self.area_method)
        m.addRow(tr("Sliver tolerance"), self.tolerance)
        lay.addWidget(box)

        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(buttons)
        lay.addLayout(row)
        self.resize(680, 900)
        self.load(self.settings)

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
        self._proposed_changed(self.role_combos["proposed"].currentLayer())
        for key, combo in self.field_combos.items():
            combo.setField(s.fields.get(key, ""))
        self.area_method.setCurrentIndex(int(s.area_method))
        self.tolerance.setValue(float(s.min_overlap_area))

    def current(self) -> ReviewSettings:
        s = ReviewSettings()
        data = self.ruleset_combo.currentData()
        s.ruleset = self.ruleset_file.filePath() if data == "__file__" else (
            "" if data == "lingbao_2021_2025" else data)
        for role, combo in self.role_combos.items():
            if combo.currentLayer() is not None:
                s.roles[role] = combo.currentLayer().id()
        for key, combo in self.field_combos.items():
            if combo.currentField():
                s.fields[key] = combo.currentField()
        s.area_method = self.area_method.currentIndex()
        s.min_overlap_area = self.tolerance.value()
        return s

    def _ruleset_changed(self, *args):
        self.ruleset_file.setEnabled(self.ruleset_combo.currentData() == "__file__")

    def _proposed_changed(self, layer):
        for combo in self.field_combos.values():
            combo.setLayer(layer)

    def auto_detect(self):
        s = self.current()
        found = s.auto_detect(self.project, overwrite=False)
        for role, lid in found.items():
            self.role_combos[role].setLayer(self.project.mapLayer(lid))
        return found

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

