defmodule DecisionGraph.API.Application do
  @moduledoc """
  OTP application for the API facade.

  The facade is stateless. Its only process is
  `DecisionGraph.API.TaskSupervisor`, which owns work a caller asked for but
  does not wait on (for example a replay requested from the web dashboard),
  so that work outlives the request process that triggered it.
  """

  use Application

  @impl true
  def start(_type, _args) do
    children = [
      {Task.Supervisor, name: DecisionGraph.API.TaskSupervisor}
    ]

    opts = [strategy: :one_for_one, name: DecisionGraph.API.Supervisor]
    Supervisor.start_link(children, opts)
  end
end
