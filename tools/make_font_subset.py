"""Make the bundled Chinese font: ``python tools/make_font_subset.py [SOURCE]`` (repo root, venv).

The app ships a subset of Noto Sans CJK SC (SIL Open Font License 1.1) so that a machine with
no Chinese font still shows the Chinese interface (gui/fonts.py registers it at start). The
subset holds every character the interface and the gallery can show in Chinese:

- the Chinese translations (resources/i18n/*.ts) and the Chinese words in the code (dataset
  names in engine/, a few literals in gui/);
- every text of the gallery lessons (resources/examples/*.json);
- ASCII, Latin-1, Greek, and the symbols the formulas use (∂ ∑ · × ⊙ ᵀ ‖ ² ₁ …);
- the GB2312 symbols and full-width forms, and its 3,755 level-1 hanzi (the common ones), so
  that most titles and notes teachers write in their own lessons render too.

It is renamed (family "Backprop Studio Sans SC") as the licence asks of a modified version, so
it never stands in for a full Noto font the system may have. SOURCE defaults to the Debian
package fonts-noto-cjk's NotoSansCJK-Regular.ttc. Needs fontTools (the ``build`` extra).
Run it again whenever a translation adds a character; tests/gui/test_fonts.py fails until then.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "resources" / "fonts"
OUTPUT = FONTS / "BackpropStudioSansSC-Regular.otf"
FAMILY = "Backprop Studio Sans SC"
SOURCES = (Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
           Path("/usr/share/fonts/opentype/noto/NotoSansSC-Regular.otf"),
           Path("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc"))
SOURCE_FAMILY = "Noto Sans CJK SC"

# Formula symbols beyond Latin-1 and Greek: operators, arrows, sub- and superscripts, dashes.
FORMULA_SYMBOLS = ("∂∑∏√∞∇∈∉∘∙⋅·×÷±−–—‐‑…′″‖∥⊙⊗⊕≈≠≤≥≪≫∝∫ℓℝ→←↑↓↔⇒⇐↦▸▶◀▲▼●○■□★☆✓✗✔✘"  # noqa: RUF001
                   "ᵀᵢⱼₖₗₘₙₚᵏ⁽⁾⁺⁻⁼ⁿ₊₋₌₍₎⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉‘’“”„•‹›«»€")  # noqa: RUF001
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")


def _texts(value: object):
    """Every string in a JSON value, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def translations(root: Path = ROOT) -> list[str]:
    """Every translation in resources/i18n/*.ts."""
    texts: list[str] = []
    for ts in sorted((root / "resources" / "i18n").glob("*.ts")):
        tree = ET.parse(ts).getroot()
        texts += [t.text for t in tree.iter("translation") if t.text]
        texts += [n.text for n in tree.iter("numerusform") if n.text]
    return texts


def lesson_text(root: Path = ROOT) -> str:
    """Every text in the gallery lessons."""
    return "".join("".join(_texts(json.loads(path.read_text(encoding="utf-8"))))
                   for path in sorted((root / "resources" / "examples").glob("*.json")))


def code_text(root: Path = ROOT) -> str:
    """The Chinese characters written in the code itself (dataset names, a few literals)."""
    return "".join("".join(_CJK.findall(path.read_text(encoding="utf-8")))
                   for folder in ("engine", "gui") for path in sorted((root / folder).rglob("*.py")))


def gb2312(first_row: int, last_row: int) -> str:
    """GB2312's characters in rows first_row..last_row (1 to 9: symbols and full-width forms; 16 to 55: level 1)."""
    cells = (bytes([0xA0 + row, 0xA0 + cell]) for row in range(first_row, last_row + 1) for cell in range(1, 95))
    return "".join(c for cell in cells for c in [_decode(cell)] if c)


def _decode(cell: bytes) -> str:
    try:
        return cell.decode("gb2312")
    except UnicodeDecodeError:
        return ""  # an unassigned cell


def shown_text(root: Path = ROOT) -> str:
    """The characters the Chinese interface and the gallery show: what the subset must hold."""
    return "".join(translations(root)) + lesson_text(root) + code_text(root)


def wanted(root: Path = ROOT) -> set[str]:
    """Every character the subset is made of (more than shown_text: see the module's docstring)."""
    ascii_ = "".join(map(chr, range(0x20, 0x7F)))
    latin1 = "".join(map(chr, range(0xA0, 0x100)))
    greek = "".join(map(chr, range(0x391, 0x3AA))) + "".join(map(chr, range(0x3B1, 0x3CA)))
    text = shown_text(root) + ascii_ + latin1 + greek + FORMULA_SYMBOLS + gb2312(1, 9) + gb2312(16, 55)
    return {c for c in text if c.isprintable() or c == "\u3000"}


def _source(path: Path | None):
    from fontTools.ttLib import TTCollection, TTFont

    for candidate in [path] if path else SOURCES:
        if candidate.suffix.lower() == ".ttc" and candidate.exists():
            for font in TTCollection(str(candidate)).fonts:
                if font["name"].getDebugName(1) == SOURCE_FAMILY:
                    return font
        elif candidate.exists():
            return TTFont(str(candidate))
    raise SystemExit(f"no source font: install fonts-noto-cjk, or name the file ({', '.join(map(str, SOURCES))})")


def _rename(font) -> None:
    """A modified version takes a new name (OFL §3); the copyright and licence records stay."""
    name = font["name"]
    full = f"{FAMILY} Regular"
    for record_id, text in ((1, FAMILY), (2, "Regular"), (3, f"{FAMILY} subset"), (4, full),
                            (6, FAMILY.replace(" ", "") + "-Regular"), (16, FAMILY), (17, "Regular")):
        name.removeNames(nameID=record_id)
        name.setName(text, record_id, 3, 1, 0x409)
        name.setName(text, record_id, 1, 0, 0)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [FAMILY.replace(" ", "") + "-Regular"]
        top = cff.topDictIndex[0]
        top.FamilyName, top.FullName = FAMILY, full


def make(source: Path | None = None, output: Path = OUTPUT) -> tuple[int, int]:
    """Write the subset; returns (characters kept, bytes)."""
    from fontTools import subset

    font = _source(source)
    cmap = font.getBestCmap()
    keep = sorted(ord(c) for c in wanted() if ord(c) in cmap)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["vhea", "vmtx", "VORG", "DSIG"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=keep)
    subsetter.subset(font)
    _rename(font)
    font.recalcTimestamp = False  # the source's dates: the same input makes the same file
    output.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(output))
    missing = sorted(c for c in shown_text() if c.isprintable() and not c.isspace() and ord(c) not in cmap)
    if missing:
        print("not in the source font (a Latin font shows them):", "".join(sorted(set(missing))), file=sys.stderr)
    return len(keep), output.stat().st_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, help="Noto Sans CJK SC (.ttc or .otf)")
    args = parser.parse_args(argv)
    count, size = make(args.source)
    print(f"{OUTPUT.relative_to(ROOT)}: {count} characters, {size / 1_048_576:.2f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
