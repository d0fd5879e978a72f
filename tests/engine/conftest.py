import pytest

from engine.document import load
from engine.lesson import NetworkLesson


@pytest.fixture
def lecture_doc(repo_root):
    return load(repo_root / "resources" / "examples" / "lecture_2-2-1.json")


@pytest.fixture
def lecture(lecture_doc):
    return NetworkLesson(lecture_doc)
