"""The desktop packaging: spec, icons, desktop entry, install script and the --self-test entry.

The frozen build itself is exercised by .ci/run (./run.sh package, then the bundle's
--self-test and --smoke in both languages); these tests run without PyInstaller.
"""

from __future__ import annotations

import configparser
import os
import shutil
import struct
import subprocess
import sys
import types
from pathlib import Path

import pytest

from engine import selftest
from tests.engine import lecture_reference as ref

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "packaging" / "backprop-studio.spec"
DESKTOP = REPO / "packaging" / "backprop-studio.desktop"
INSTALL = REPO / "packaging" / "install-linux.sh"
ICONS = REPO / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


# ------------------------------------------------------------------ spec


class _Recorder:
    """Stands in for one of PyInstaller's spec classes and keeps what it was given."""

    calls: dict[str, list[tuple[tuple, dict]]]

    def __init__(self, kind: str, calls: dict) -> None:
        self.kind, self.calls = kind, calls

    def __call__(self, *args, **kwargs):
        self.calls.setdefault(self.kind, []).append((args, kwargs))
        result = types.SimpleNamespace(args=args, kwargs=kwargs, binaries=[], datas=list(kwargs.get("datas", [])),
                                       pure=[], scripts=[])
        return result


@pytest.fixture
def spec_run(monkeypatch):
    """Execute the spec with PyInstaller's classes replaced by recorders."""
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_submodules = lambda package: [f"{package}.fake_submodule"]
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    calls: dict = {}
    namespace = {name: _Recorder(name, calls) for name in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")}
    namespace.update(SPECPATH=str(SPEC.parent), __file__=str(SPEC), __name__="__spec__")
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return calls, namespace


def test_spec_references_files_that_exist(spec_run):
    calls, _ = spec_run
    (args, kwargs), = calls["Analysis"]
    scripts = args[0]
    assert [Path(s) for s in scripts] == [REPO / "main.py"]
    assert all(Path(s).is_file() for s in scripts)
    for source, target in kwargs["datas"]:
        assert Path(source).is_dir(), source
        # Mirrors gui/paths.py: ROOT (= sys._MEIPASS) / the same relative path.
        assert Path(source).relative_to(REPO).as_posix() == target
    targets = {target for _, target in kwargs["datas"]}
    assert {"resources/examples", "resources/icons", "resources/fonts"} <= targets
    from gui.paths import CJK_FONT, ROOT  # the frozen app finds the Chinese font where the spec puts it

    assert (REPO / "resources" / "fonts" / CJK_FONT.name).is_file()
    assert CJK_FONT.relative_to(ROOT).parent.as_posix() == "resources/fonts"
    if any((REPO / "resources" / "i18n").glob("*.qm")):
        assert "resources/i18n" in targets

    (_, exe), = calls["EXE"]
    assert exe["name"] == "backprop-studio"
    assert exe["console"] is False
    assert Path(exe["icon"]) == ICONS / "backprop-studio.ico"
    assert Path(exe["icon"]).is_file()
    (_, coll), = calls["COLLECT"]
    assert coll["name"] == "backprop-studio"


def test_spec_excludes_heavy_modules_and_gtk_theme(spec_run):
    calls, namespace = spec_run
    (_, kwargs), = calls["Analysis"]
    for module in ("tkinter", "matplotlib", "IPython", "PyQt5", "PyQt6", "torch", "PySide6.QtWebEngineCore",
                   "PySide6.QtQuick", "PySide6.Qt3DCore"):
        assert module in kwargs["excludes"]
    kept = namespace["_kept"]
    gtk = ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/venv/PySide6/Qt/plugins/platformthemes/libqgtk3.so",
           "BINARY")
    assert not kept(gtk)
    assert kept(("PySide6/Qt/plugins/platforms/libqxcb.so", "/x/libqxcb.so", "BINARY"))
    assert kept(("PySide6/Qt/translations/qtbase_zh_CN.qm", "/x/qtbase_zh_CN.qm", "DATA"))
    assert not kept(("PySide6/Qt/translations/qtbase_de.qm", "/x/qtbase_de.qm", "DATA"))


def test_gui_paths_resolve_into_the_bundle_layout():
    from gui import paths

    for folder in (paths.EXAMPLES, paths.I18N, paths.ICONS):
        assert folder.relative_to(paths.ROOT).parts[0] == "resources"
    assert paths.LECTURE.is_file()
    assert selftest.LECTURE == paths.LECTURE == ref.PATH  # the engine replicates the same ROOT rule


def test_selftest_root_follows_meipass(tmp_path):
    code = ("import sys; sys._MEIPASS = sys.argv[1]; import engine.selftest as s; "
            "print(s.ROOT); print(s.LECTURE)")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], cwd=REPO, capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert out == [str(tmp_path), str(tmp_path / "resources" / "examples" / "lecture_2-2-1.json")]


# ------------------------------------------------------------------ icons and desktop entry


def test_pngs_have_the_stated_sizes():
    for size in SIZES:
        assert png_size((ICONS / f"backprop-studio-{size}.png").read_bytes()) == (size, size)
    assert (ICONS / "backprop-studio.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_ico_parses_and_holds_every_size():
    data = (ICONS / "backprop-studio.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind, count) == (0, 1, len(SIZES))
    seen = []
    for index in range(count):
        width, height, colours, zero, planes, bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * index)
        size = width or 256
        assert (width, height, colours, zero, planes, bits) == (width, height, 0, 0, 1, 32)
        assert width == height
        blob = data[offset:offset + length]
        assert len(blob) == length
        assert png_size(blob) == (size, size)
        assert blob == (ICONS / f"backprop-studio-{size}.png").read_bytes()
        seen.append(size)
    assert tuple(seen) == SIZES


def test_make_icons_writes_a_well_formed_ico():
    sys.path.insert(0, str(REPO / "packaging"))
    try:
        import make_icons
    finally:
        sys.path.remove(str(REPO / "packaging"))
    fake = [(16, PNG_SIGNATURE + b"a"), (256, PNG_SIGNATURE + b"bb")]
    ico = make_icons.ico_bytes(fake)
    assert struct.unpack_from("<HHH", ico) == (0, 1, 2)
    assert struct.unpack_from("<BBBBHHII", ico, 6) == (16, 16, 0, 0, 1, 32, 9, 6 + 32)
    assert struct.unpack_from("<BBBBHHII", ico, 22) == (0, 0, 0, 0, 1, 32, 10, 6 + 32 + 9)
    assert ico.endswith(PNG_SIGNATURE + b"a" + PNG_SIGNATURE + b"bb")
    with pytest.raises(ValueError, match="1-256"):
        make_icons.ico_bytes([(512, b"")])


def _desktop_entry() -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def test_desktop_entry_has_both_names_and_the_required_keys():
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Backprop Studio"
    assert entry["Name[zh_CN]"] == "反向传播工作室"
    assert entry["Comment"]
    assert entry["Comment[zh_CN]"]
    assert entry["Exec"].split()[0] == "backprop-studio"
    assert entry["Icon"] == "backprop-studio"
    assert entry["Terminal"] == "false"
    assert entry["Categories"] == "Education;Science;"


@pytest.mark.skipif(sys.platform != "linux" or shutil.which("bash") is None, reason="Linux install script")
def test_install_script_installs_and_uninstalls(tmp_path):
    build = tmp_path / "build" / "backprop-studio"
    build.mkdir(parents=True)
    program = build / "backprop-studio"
    program.write_text("#!/bin/sh\necho fake build\n")
    program.chmod(0o755)
    prefix = tmp_path / "prefix"
    env = {**os.environ, "PREFIX": str(prefix), "BUILD": str(build)}
    subprocess.run(["bash", str(INSTALL)], env=env, check=True, capture_output=True, text=True)

    opt = prefix / "opt" / "backprop-studio"
    assert (opt / "backprop-studio").is_file()
    link = prefix / "bin" / "backprop-studio"
    assert link.is_symlink()
    assert link.resolve() == (opt / "backprop-studio").resolve()
    for size in SIZES:
        installed = prefix / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "backprop-studio.png"
        assert png_size(installed.read_bytes()) == (size, size)
    desktop = (prefix / "share" / "applications" / "backprop-studio.desktop").read_text(encoding="utf-8")
    assert f'Exec="{opt / "backprop-studio"}" %f' in desktop.splitlines()
    assert "Name[zh_CN]=反向传播工作室" in desktop

    subprocess.run(["bash", str(INSTALL), "--uninstall"], env=env, check=True, capture_output=True, text=True)
    assert not opt.exists()
    assert not link.exists()
    assert not (prefix / "share" / "applications" / "backprop-studio.desktop").exists()


def test_install_script_refuses_without_a_build(tmp_path):
    env = {**os.environ, "PREFIX": str(tmp_path / "prefix"), "BUILD": str(tmp_path / "nothing")}
    done = subprocess.run(["bash", str(INSTALL)], env=env, capture_output=True, text=True, check=False)
    assert done.returncode != 0
    assert "run ./run.sh package first" in done.stderr


# ------------------------------------------------------------------ --self-test


def test_main_self_test_passes_in_a_subprocess():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "main.py", "--self-test"], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("self-test passed: ")


def test_self_test_imports_no_qt():
    code = ("import sys, engine.selftest as s; code = s.run_self_test(); "
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'gui', 'pyqtgraph'))]; "
            "sys.exit(code or (3 if bad else 0))")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_self_test_reports_a_difference(monkeypatch, capsys):
    right = selftest.lecture_by_hand()
    monkeypatch.setattr(selftest, "lecture_by_hand", lambda: {**right, "loss": right["loss"] + 1e-9})
    assert selftest.run_self_test() == 1
    err = capsys.readouterr().err
    assert "self-test FAILED" in err
    assert "step graph L" in err
    assert "batched L" in err


def test_self_test_reports_a_missing_lecture_file(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(selftest, "LECTURE", tmp_path / "missing.json")
    monkeypatch.setattr(selftest.check_lecture, "__defaults__", (tmp_path / "missing.json",))
    assert selftest.run_self_test() == 1
    assert "self-test FAILED" in capsys.readouterr().err


def test_self_test_without_stdout_or_stderr(monkeypatch):
    monkeypatch.setattr(sys, "stdout", None)  # a windowed build
    monkeypatch.setattr(sys, "stderr", None)
    assert selftest.run_self_test() == 0


def test_hand_derivation_matches_the_lecture_numbers():
    """Anchor the hand derivation itself to values worked out independently: z₁ = [2, 2.4]."""
    want = selftest.lecture_by_hand()
    assert ref.z1 == pytest.approx([2.0, 2.4], abs=1e-15)
    assert want["y_hat"] == pytest.approx(ref.yhat, abs=1e-15)
    assert want["y_hat"] == pytest.approx(0.7657, abs=5e-5)
    assert want["loss"] == pytest.approx(ref.L, abs=1e-15)
