"""Every user-facing string has a Chinese translation, and the compiled catalogue works."""
import pytest

from onegrid.scripts import i18n

pytestmark = pytest.mark.pure


def test_extractor_finds_calls_markers_and_algorithm_texts(tmp_path):
    src = tmp_path / "m.py"
    src.write_text(
        "class A:\n    DISPLAY = 'Create workspace'\n    HELP = ('Long ' 'help')\n"
        "def f(tr, N_):\n    tr('Open {path}').format(path=1)\n    N_('Row {row} is empty')\n"
        "    tr(variable)\n", encoding="utf-8")
    assert sorted(t for t, _ in i18n.extract_file(src)) == [
        "Create workspace", "Long help", "Open {path}", "Row {row} is empty"]


def test_placeholders_must_survive_translation():
    messages = {"Open {path}": [], "Row {row}": []}
    assert i18n.problems(messages, {"Open {path}": "打开 {path}", "Row {row}": "第 {行} 行"}) == [
        ("placeholders differ", "Row {row}")]
    assert i18n.problems(messages, {"Open {path}": "打开 {path}"}) == [
        ("untranslated", "Row {row}")]


def test_every_string_has_a_chinese_translation():
    messages = i18n.extract()
    assert len(messages) > 100
    translations = i18n.read_ts()
    assert i18n.problems(messages, translations) == []
    assert set(messages) <= set(translations), "run `make i18n` to refresh the catalogue"
