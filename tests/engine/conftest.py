import pytest

from engine.document import load
from engine.lesson import NetworkLesson

from . import lecture_reference


@pytest.fixture
def lecture_doc():
    return load(lecture_reference.PATH)


@pytest.fixture
def lecture(lecture_doc):
    return NetworkLesson(lecture_doc)
