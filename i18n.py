"""Translation for OneGrid: one context, ``OneGrid``, English source strings, zh_CN catalogue.

``tr(text)`` translates through the application's installed translators (QGIS's own plus ours,
installed by :func:`install_translator` when QGIS runs in Chinese). ``tr_zh(text)`` always gives
the Chinese text, for outputs that carry both languages (rejected rows). Translate the template,
then format it: ``tr("Layer {layer} is empty").format(layer=name)``.
"""
import os

from qgis.PyQt.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

CONTEXT = "OneGrid"
QM_PATH = os.path.join(os.path.dirname(__file__), "resources", "i18n", "onegrid_zh_CN.qm")

_installed = None
_zh = None


def tr(text):
    """Translate ``text`` (an English source string) into the running language."""
    return QCoreApplication.translate(CONTEXT, text)


def tr_zh(text):
    """Translate ``text`` into Chinese whatever language QGIS runs in."""
    global _zh
    if _zh is None:
        _zh = QTranslator()
        if not _zh.load(QM_PATH):
            raise RuntimeError("OneGrid's Chinese catalogue is missing: " + QM_PATH)
    # PyQt5 passes a str to QTranslator.translate through the ASCII codec: give it UTF-8 bytes.
    return _zh.translate(CONTEXT, text.encode("utf-8")) or text


def ui_language():
    """The language QGIS's interface uses: the translation QGIS loaded (``--lang`` or the
    locale setting; QGIS 3.22 calls Simplified Chinese "zh-Hans"), else its locale setting,
    else the system's."""
    from qgis.core import QgsApplication

    app = QgsApplication.instance()
    translation = app.translation() if isinstance(app, QgsApplication) else ""
    if translation:
        return translation
    settings = QSettings()
    if settings.value("locale/overrideFlag", False, type=bool):
        return settings.value("locale/userLocale", "") or QLocale.system().name()
    return settings.value("locale/globalLocale", "") or QLocale.system().name()


def install_translator(language=None):
    """Install the Chinese catalogue when the interface language is Chinese; idempotent."""
    global _installed
    language = language or ui_language()
    if _installed is not None or not str(language).lower().startswith("zh"):
        return _installed
    translator = QTranslator()
    if translator.load(QM_PATH):
        QCoreApplication.installTranslator(translator)
        _installed = translator
    return _installed


def remove_translator():
    """Uninstall the catalogue installed by :func:`install_translator` (plugin unload)."""
    global _installed
    if _installed is not None:
        QCoreApplication.removeTranslator(_installed)
        _installed = None
