"""Keep the translations current: ``python tools/i18n.py`` (from the repo root, with the venv).

1. pyside6-lupdate collects every tr() string from gui/ and main.py into resources/i18n/*.ts;
2. entries still unfinished are filled from tools/zh_CN.tsv (English<TAB>Chinese), when listed;
3. pyside6-lrelease compiles each .ts into the .qm beside it.
``--check`` changes nothing and exits 1 when a string has no translation or a .qm is stale.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("zh_CN",)
BIN = Path(sys.executable).parent


def sources() -> list[str]:
    # the engine modules whose handout words are marked with QT_TRANSLATE_NOOP
    return [str(p.relative_to(ROOT)) for p in sorted((ROOT / "gui").glob("*.py"))] + [
        "main.py", "engine/names.py", "engine/handout_sentences.py", "engine/handout_words.py", "engine/derivation.py"]


def ts_path(language: str) -> Path:
    return I18N / f"backprop_studio_{language}.ts"


def tool(name: str) -> str:
    found = BIN / name
    return str(found) if found.exists() else (shutil.which(name) or name)


def lupdate(ts: Path) -> None:
    subprocess.run([tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-locations", "none", "-ts", str(ts)],
                   cwd=ROOT, check=True, capture_output=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], cwd=ROOT, check=True, capture_output=True)


def load_table(language: str) -> dict[str, str]:
    table: dict[str, str] = {}
    path = ROOT / "tools" / f"{language}.tsv"
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if "\t" in line and not line.startswith("#"):
                english, chinese = line.split("\t", 1)
                table[english.replace("\\n", "\n")] = chinese.replace("\\n", "\n")
    return table


def unfinished(ts: Path) -> list[tuple[str, str]]:
    """(context, source) of every message without a finished translation."""
    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            texts = [translation.text] if translation is not None else []
            if translation is not None and message.get("numerus") == "yes":
                texts = [form.text for form in translation.iter("numerusform")]
            if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete") \
                    or not all((text or "").strip() for text in texts) or not texts:
                missing.append((name, message.findtext("source")))
    return missing


def fill(ts: Path, table: dict[str, str]) -> None:
    tree = ET.parse(ts)
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        source = message.findtext("source")
        if translation is not None and translation.get("type") == "unfinished" and source in table:
            if message.get("numerus") == "yes":  # Chinese has a single plural form
                for form in list(translation):
                    translation.remove(form)
                ET.SubElement(translation, "numerusform").text = table[source]
            else:
                translation.text = table[source]
            del translation.attrib["type"]
    tree.write(ts, encoding="utf-8", xml_declaration=True)


def check() -> int:
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for language in LANGUAGES:
            committed = ts_path(language)
            fresh = Path(tmp) / committed.name
            shutil.copy(committed, fresh)
            lupdate(fresh)
            problems += [f"{language}: no translation for [{c}] {s!r}" for c, s in unfinished(fresh)]
            qm = Path(tmp) / "check.qm"
            lrelease(committed, qm)
            shipped = committed.with_suffix(".qm")
            if not shipped.exists() or qm.read_bytes() != shipped.read_bytes():
                problems.append(f"{language}: {shipped.name} is stale; run python tools/i18n.py")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if args.check:
        return check()
    for language in LANGUAGES:
        ts = ts_path(language)
        lupdate(ts)
        fill(ts, load_table(language))
        lrelease(ts, ts.with_suffix(".qm"))
        for context, source in unfinished(ts):
            print(f"untranslated [{context}] {source!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
