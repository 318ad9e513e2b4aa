import pytest


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    """`with committing(): ...` runs the block as if its transaction committed: mail queued in it leaves at its
    end."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
