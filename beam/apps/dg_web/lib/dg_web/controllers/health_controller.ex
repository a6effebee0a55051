defmodule DecisionGraphWeb.HealthController do
  @moduledoc """
  Liveness endpoint for load balancers and `docker compose` health checks.

  It answers from in-memory state only (no database round trip), so a slow
  database never makes the node look dead.
  """

  use DecisionGraphWeb, :controller

  @doc """
  `GET /health`
  """
  @spec show(Plug.Conn.t(), map()) :: Plug.Conn.t()
  def show(conn, _params) do
    json(conn, DecisionGraph.API.health())
  end
end
