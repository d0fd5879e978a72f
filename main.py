"""Backprop Studio: ``python main.py [FILE] [--lang zh_CN|en] [--smoke] [--screenshot PNG] [--self-test]``."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time

_STARTED = time.monotonic()


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="backprop-studio", description="Backprop Studio (反向传播工作室)")
    parser.add_argument("file", nargs="?", help="a lesson (.json) to open; the lecture example by default")
    parser.add_argument("--lang", choices=["en", "zh_CN"], help="interface language (default: system locale)")
    parser.add_argument("--smoke", action="store_true", help="open the window, let it render, then exit 0")
    parser.add_argument("--screenshot", metavar="PNG", help="with --smoke: save the whole window to PNG")
    parser.add_argument("--self-test", action="store_true", help="check the engine on the lecture example and exit")
    args, _qt_args = parser.parse_known_args(argv)
    return args


def configure_logging() -> None:
    """Windowed builds have no stderr: log only where there is somewhere to write."""
    if sys.stderr is not None:
        logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    else:
        logging.getLogger().addHandler(logging.NullHandler())


def seconds_since_start() -> float:
    """Seconds since the process started (from /proc on Linux, else since this module loaded)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat, open("/proc/uptime", encoding="ascii") as uptime:
            started_ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
            return float(uptime.read().split()[0]) - started_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return time.monotonic() - _STARTED


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    configure_logging()
    if args.self_test:
        from engine.selftest import run_self_test

        return run_self_test()

    from gui.app import chosen_language, create_application, install_translators
    from gui.fonts import pick_font
    from gui.window.crash import install_crash_handler

    app = create_application([sys.argv[0], *argv])
    install_crash_handler()
    language = chosen_language(args.lang)
    install_translators(app, language)
    app.setFont(pick_font(language))

    from gui.window.main_window import MainWindow

    window = MainWindow(language=language)
    window.unattended = args.smoke
    window.open_initial(args.file)
    window.show()
    if args.smoke:
        code = window.smoke(args.screenshot)
        if os.environ.get("BACKPROP_STUDIO_TIMING") == "1" and sys.stdout is not None:
            print(f"startup: window shown after {seconds_since_start():.3f} s", flush=True)
        return code
    window.welcome_newcomer()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
