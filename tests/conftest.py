from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "frontlines" / "samples"


@pytest.fixture(scope="session")
def deir_ezzor_gold():
    path = SHARED / "gold" / "samples.jsonl"
    if not path.exists():
        pytest.skip("shared/gold is not beside this clone")
    return path
