"""Issue 21, item 2: a layer that failed to open is named as not opened, with the provider's error — not "no CRS"."""
import pytest


def test_missing_file_is_not_opened(qgis_app, tmp_path):
    from qgis.core import QgsVectorLayer

    from mineplan.processing_provider.guards import _check_layer
    from mineplan.rules.model.errors import MinePlanError
    lyr = QgsVectorLayer(str(tmp_path / "missing.gpkg"), "farm", "ogr")
    assert not lyr.isValid()
    with pytest.raises(MinePlanError) as err:
        _check_layer("CONSTRAINT", "farm", lyr, [], None, None, other=False)
    text = str(err.value)
    assert "could not be opened" in text or "无法打开" in text
    assert "CRS" not in text and "坐标系" not in text
