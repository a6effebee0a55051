"""The real DecisionGraph umbrella in beam/, read statically."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.elixir import Analysis, Application, Kind, analyse

BEAM = Path(__file__).resolve().parents[2] / "beam"


@pytest.fixture(scope="module")
def beam() -> Analysis:
    if not (BEAM / "mix.exs").exists():
        pytest.skip("beam/ umbrella not present")
    return analyse(BEAM)


def app(analysis: Analysis, name: str) -> Application:
    found = analysis.application(name)
    assert found is not None, name
    return found


def test_beam_apps_and_no_diagnostics(beam: Analysis) -> None:
    assert [a.otp_app for a in beam.applications] == sorted(a.otp_app for a in beam.applications)
    assert {"dg_domain", "dg_store", "dg_projector", "dg_api"} <= {
        a.otp_app for a in beam.applications
    }
    assert beam.diagnostics == ()


def test_beam_projector(beam: Analysis) -> None:
    projector = app(beam, "dg_projector")
    assert projector.supervisor.strategy == "rest_for_one"
    assert [(c.module, c.name, c.kind) for c in projector.children] == [
        ("Registry", "DecisionGraph.Projector.WorkerRegistry", Kind.REGISTRY),
        ("DynamicSupervisor", "DecisionGraph.Projector.WorkerSupervisor", Kind.DYNAMIC_SUPERVISOR),
        ("Task.Supervisor", "DecisionGraph.Projector.ReplaySupervisor", Kind.TASK_SUPERVISOR),
    ]
    assert "dg_store" in projector.deps


def test_beam_store_repo_is_conditional(beam: Analysis) -> None:
    (repo,) = app(beam, "dg_store").children
    assert (repo.module, repo.kind, repo.conditional) == (
        "DecisionGraph.Store.Repo",
        Kind.REPO,
        True,
    )


def test_beam_web(beam: Analysis) -> None:
    if beam.application("dg_web") is None:
        pytest.skip("dg_web not written yet")
    telemetry, pubsub, endpoint = app(beam, "dg_web").children
    assert (telemetry.module, telemetry.kind) == ("DecisionGraphWeb.Telemetry", Kind.SUPERVISOR)
    assert [c.module for c in telemetry.children] == [":telemetry_poller"]
    assert (pubsub.kind, pubsub.name) == (Kind.PUBSUB, "DecisionGraph.PubSub")
    assert (endpoint.module, endpoint.kind) == ("DecisionGraphWeb.Endpoint", Kind.ENDPOINT)
