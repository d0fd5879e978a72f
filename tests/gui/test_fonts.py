"""The bundled Chinese font: it holds what the interface says, and it is used where no system font is."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QFontDatabase, QRawFont

from gui import fonts
from gui.paths import CJK_FONT, FONTS, ROOT

PROBE = Path(__file__).resolve().parent / "no_cjk_probe.py"
LATIN_FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF")
MAX_FONT_BYTES = 3 * 1024 * 1024


def subset_tool():
    spec = importlib.util.spec_from_file_location("make_font_subset", ROOT / "tools" / "make_font_subset.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_subset_holds_every_chinese_character_the_interface_and_gallery_show(qapp):
    tool = subset_tool()
    font = QRawFont(str(CJK_FONT), 12)
    assert font.isValid()
    shown = set(tool.shown_text())
    chinese = {c for c in shown if tool._CJK.match(c)}
    assert len(chinese) > 400  # the translations really were read
    missing = "".join(sorted(c for c in chinese if not font.supportsCharacter(ord(c))))
    assert missing == "", f"run tools/make_font_subset.py: the subset lacks {missing}"


def test_the_subset_holds_the_common_hanzi_and_formula_symbols(qapp):
    tool = subset_tool()
    font = QRawFont(str(CJK_FONT), 12)
    level1 = tool.gb2312(16, 55)
    assert len(level1) == 3755
    assert all(font.supportsCharacter(ord(c)) for c in level1 + "∂∑·×⊙‖²αβσδ，。：（）")


def test_the_font_ships_small_under_its_licence_and_its_new_name(qapp):
    assert CJK_FONT.stat().st_size < MAX_FONT_BYTES
    licence = (FONTS / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "Reserved Font Name 'Source'" in licence
    family = QRawFont(str(CJK_FONT), 12).familyName()
    assert family == subset_tool().FAMILY
    assert "Source" not in family  # OFL §3: a modified version does not take a reserved name


def test_a_system_chinese_font_is_preferred_to_the_bundled_one(qapp):
    system = fonts.system_chinese_family()
    if system is None:
        pytest.skip("this machine has no Chinese font")
    assert fonts.pick_font("zh_CN").families()[-1] == system
    assert fonts.covers(system, fonts.SAMPLE)


def _no_cjk_config(tmp_path: Path) -> Path:
    latin = next((d for d in LATIN_FONT_DIRS if Path(d, "DejaVuSans.ttf").exists()), None)
    if latin is None:
        pytest.skip("DejaVu Sans is not installed")
    (tmp_path / "cache").mkdir()
    config = tmp_path / "fonts.conf"
    config.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
                      f"  <dir>{latin}</dir>\n  <cachedir>{tmp_path / 'cache'}</cachedir>\n</fontconfig>\n",
                      encoding="utf-8")
    return config


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fontconfig")
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_chinese_shows_on_a_machine_without_a_cjk_font(tmp_path, language):
    env = {**os.environ, "FONTCONFIG_FILE": str(_no_cjk_config(tmp_path)), "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, str(PROBE), language], env=env, capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["system_chinese"] == []  # the machine really has no Chinese font
    assert result["checked"] > 600  # the window's texts and every translation
    assert result["missing"] == ""  # no character drawn as a box
    assert "Backprop Studio Sans SC" in result["families"]  # the Chinese came from the bundled font


def test_the_bundled_font_is_registered_once(qapp):
    first = fonts.bundled_chinese_family()
    assert first == fonts.bundled_chinese_family()
    assert QFontDatabase.families().count(first) == 1
