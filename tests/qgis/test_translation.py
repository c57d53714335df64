"""The compiled zh_CN catalogue loads and gives Chinese through tr()."""
import os

import pytest

from onegrid import i18n

pytestmark = pytest.mark.qgis


def test_qm_is_built_and_translates(qgis_app):
    assert os.path.getsize(i18n.QM_PATH) > 1000
    assert i18n.tr_zh("OneGrid") == "一张网"
    assert i18n.tr_zh("Create workspace") == "新建工作空间"
    # a source string with Chinese in it (PyQt5 would push a str through the ASCII codec)
    from onegrid.processing.analysis import tables
    assert "是/否" in tables.R_BOOL and "不是" in i18n.tr_zh(tables.R_BOOL)


def test_installed_translator_switches_tr(qgis_app):
    assert i18n.tr("OneGrid") == "OneGrid"
    translator = i18n.install_translator("zh_CN")
    try:
        assert translator is not None
        assert i18n.tr("OneGrid") == "一张网"
    finally:
        i18n.remove_translator()
    assert i18n.tr("OneGrid") == "OneGrid"
