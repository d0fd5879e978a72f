"""What every sub-command of ``python -m engine`` shares: its argument parser."""

import argparse
import sys


class OneLineParser(argparse.ArgumentParser):
    """argparse for the command line: a bad argument is one line on stderr and exit status 2."""

    def error(self, message: str):
        sys.stderr.write(f"{self.prog}: {message}\n")
        raise SystemExit(2)
