import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _thai_first():
    """Requests leave their language active in the thread; every test starts in Thai."""
    translation.activate("th")
    yield
    translation.activate("th")
