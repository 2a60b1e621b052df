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


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request, tmp_path):
    """A fresh store of each kind: a SQLite file, and a new database on the test PostgreSQL server
    (scripts/test.sh starts one and sets FRONTLINES_TEST_PG; under CI=true its absence fails)."""
    import os
    import uuid
    if request.param == "sqlite":
        yield str(tmp_path / "store.db")
        return
    admin = os.environ.get("FRONTLINES_TEST_PG")
    if not admin:
        if os.environ.get("CI"):
            pytest.fail("FRONTLINES_TEST_PG is not set: scripts/test.sh starts PostgreSQL for CI")
        pytest.skip("no PostgreSQL server (FRONTLINES_TEST_PG unset)")
    import psycopg
    name = "fl_test_" + uuid.uuid4().hex[:10]
    with psycopg.connect(admin, autocommit=True) as c:
        c.execute(f"CREATE DATABASE {name}")
    yield admin.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(admin, autocommit=True) as c:
        c.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory):
    """A SQLite store holding the bundled sample reports."""
    from frontlines.ingest import read_inputs
    from frontlines.pipeline import ingest
    from frontlines.store import Store
    db = tmp_path_factory.mktemp("store") / "samples.db"
    with Store(str(db)) as s:
        ingest(read_inputs([SAMPLES]), s)
    return str(db)
