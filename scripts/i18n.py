"""OneGrid's translation catalogue: extract, update, fill, check.

All user-facing text is English source in one Qt context, ``OneGrid``. This tool finds it in
the code by reading the syntax tree (no import, no Qt):

* calls ``tr("...")``, ``self.tr("...")``, ``tr_zh("...")``, ``N_("...")`` and ``T_("...")``
  (the pure core's markers) with a literal string (implicit concatenation allowed);
* class attributes ``DISPLAY`` and ``HELP`` (Processing algorithm names and help).

The catalogue is ``resources/i18n/onegrid_zh_CN.ts`` (Qt Linguist's format, compiled to .qm by
``lrelease`` in scripts/setup.sh).

Usage (from the repository root, with the venv's python)::

    python -m onegrid.scripts.i18n update        # add new strings, drop vanished ones
    python -m onegrid.scripts.i18n missing F.tsv # write untranslated sources to a TSV
    python -m onegrid.scripts.i18n fill F.tsv    # take translations from a TSV (source<TAB>zh)
    python -m onegrid.scripts.i18n check         # exit 1 listing untranslated or broken entries
"""
import ast
import os
import re
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TS_PATH = os.path.join(ROOT, "resources", "i18n", "onegrid_zh_CN.ts")
CONTEXT = "OneGrid"
CALLS = {"tr", "tr_zh", "N_", "T_", "fail"}
ATTRIBUTES = {"DISPLAY", "HELP"}
SKIP_DIRS = {".venv", "build", "tests", "benchmarks", ".git", "demo_output", "__pycache__",
             ".qgis-settings"}
PLACEHOLDER = re.compile(r"{[A-Za-z_][A-Za-z0-9_]*}")


def _literal(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def extract_file(path):
    """(source, line) pairs of the translatable strings in one Python file."""
    with open(path, encoding="utf-8") as fh:
        tree = ast.parse(fh.read(), filename=path)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.id if isinstance(func, ast.Name) else (
                func.attr if isinstance(func, ast.Attribute) else None)
            text = _literal(node.args[0])
            if name in CALLS and text:
                found.append((text, node.lineno))
        elif isinstance(node, ast.ClassDef):
            for stmt in node.body:
                if (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
                        and isinstance(stmt.targets[0], ast.Name)
                        and stmt.targets[0].id in ATTRIBUTES):
                    text = _literal(stmt.value)
                    if text:
                        found.append((text, stmt.lineno))
    return found


def extract(root=ROOT):
    """{source: [(relative path, line), ...]} over the plugin's Python files."""
    messages = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            if not name.endswith(".py"):
                continue
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, root)
            for text, line in extract_file(path):
                messages.setdefault(text, []).append((rel, line))
    return messages


def read_ts(path=TS_PATH):
    """{source: translation} of the catalogue ('' where untranslated)."""
    if not os.path.exists(path):
        return {}
    tree = ET.parse(path)
    out = {}
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None or translation.get("type") == "obsolete":
            out[source] = ""
        else:
            out[source] = translation.text or ""
    return out


def write_ts(messages, translations, path=TS_PATH):
    """Write the catalogue: every extracted source with its translation, sorted."""
    ts = ET.Element("TS", version="2.1", language="zh_CN")
    context = ET.SubElement(ts, "context")
    ET.SubElement(context, "name").text = CONTEXT
    for source in sorted(messages):
        message = ET.SubElement(context, "message")
        for rel, line in messages[source][:3]:
            ET.SubElement(message, "location", filename="../../" + rel, line=str(line))
        ET.SubElement(message, "source").text = source
        translation = ET.SubElement(message, "translation")
        text = translations.get(source, "")
        if text:
            translation.text = text
        else:
            translation.set("type", "unfinished")
    ET.indent(ts, space="    ")
    body = ET.tostring(ts, encoding="unicode")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n")


def problems(messages, translations):
    """Sources without a translation, or whose translation loses or adds a {placeholder}."""
    out = []
    for source in sorted(messages):
        text = translations.get(source, "")
        if not text:
            out.append(("untranslated", source))
        elif sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
            out.append(("placeholders differ", source))
    return out


def _escape(text):
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _unescape(text):
    return re.sub(r"\\(.)", lambda m: {"t": "\t", "n": "\n"}.get(m.group(1), m.group(1)), text)


def main(argv):
    if not argv or argv[0] not in ("update", "missing", "fill", "check"):
        print(__doc__)
        return 2
    command = argv[0]
    messages = extract()
    translations = read_ts()
    if command == "update":
        write_ts(messages, translations)
        print(f"{len(messages)} strings, {len(problems(messages, translations))} to translate")
        return 0
    if command == "missing":
        with open(argv[1], "w", encoding="utf-8") as fh:
            for _kind, source in problems(messages, translations):
                fh.write(_escape(source) + "\t" + _escape(translations.get(source, "")) + "\n")
        return 0
    if command == "fill":
        with open(argv[1], encoding="utf-8") as fh:
            for line in fh:
                if "\t" in line:
                    source, text = line.rstrip("\n").split("\t", 1)
                    translations[_unescape(source)] = _unescape(text)
        write_ts(messages, translations)
        left = problems(messages, translations)
        print(f"{len(messages)} strings, {len(left)} still to translate")
        return 0
    left = problems(messages, translations)
    for kind, source in left:
        print(f"{kind}: {source!r}")
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
