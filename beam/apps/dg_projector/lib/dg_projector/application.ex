defmodule DecisionGraph.Projector.Application do
  @moduledoc """
  OTP application owning projection processes.

  The children are started in order under a `:rest_for_one` supervisor:

    1. `DecisionGraph.Projector.WorkerRegistry` - unique names for workers.
    2. `DecisionGraph.Projector.WorkerSupervisor` - one worker per projection.
    3. `DecisionGraph.Projector.ReplaySupervisor` - replay tasks.

  If the registry dies, every worker registered in it is stale, so everything
  started after it is restarted too. A crash of the worker supervisor only
  takes the replay tasks with it; a crash of a single worker touches nothing
  else.
  """

  use Application

  @impl true
  def start(_type, _args) do
    children = [
      {Registry, keys: :unique, name: DecisionGraph.Projector.WorkerRegistry},
      {DynamicSupervisor, name: DecisionGraph.Projector.WorkerSupervisor, strategy: :one_for_one},
      {Task.Supervisor, name: DecisionGraph.Projector.ReplaySupervisor}
    ]

    opts = [strategy: :rest_for_one, name: DecisionGraph.Projector.Supervisor]
    Supervisor.start_link(children, opts)
  end
end
