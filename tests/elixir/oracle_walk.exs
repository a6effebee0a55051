# The runtime half of tests/elixir/test_runtime_oracle.py, run with `mix run` inside
# the booted fixture umbrella. It walks every application's supervision tree and
# prints one tab-separated line per process ("-" is "none"):
#
#   ORACLE APP   app  application-module  registered-name  strategy
#   ORACLE CHILD depth  id  module  registered-name  kind  strategy  dynamic-children
#
# Children of plain supervisors are walked recursively; dynamic and task supervisors
# only report how many children they have, registries are not entered.

defmodule DocgenOracle do
  def main do
    for app <- Mix.Project.apps_paths() |> Map.keys() |> Enum.sort() do
      {:ok, _} = Application.ensure_all_started(app)
      application(app)
    end
  end

  defp application(app) do
    module =
      case Application.spec(app, :mod) do
        {mod, _args} -> inspect(mod)
        _ -> "-"
      end

    case :application_controller.get_master(app) do
      :undefined ->
        emit(["APP", app, module, "-", "-"])

      master ->
        {top, _} = :application_master.get_child(master)
        {kind, strategy, _} = describe(top, :supervisor)
        emit(["APP", app, module, name(top), strategy])
        if kind == "supervisor", do: walk(top, 1)
    end
  end

  # which_children/1 lists the last started child first: reverse to start order.
  defp walk(sup, depth) do
    for {id, pid, type, modules} <- Enum.reverse(Supervisor.which_children(sup)) do
      {kind, strategy, dynamic} = describe(pid, type)
      emit(["CHILD", depth, inspect(id), module(modules), name(pid), kind, strategy, dynamic])
      if kind == "supervisor", do: walk(pid, depth + 1)
    end
  end

  defp describe(pid, :worker) when is_pid(pid), do: {"worker", "-", 0}

  defp describe(pid, :supervisor) when is_pid(pid) do
    case :sys.get_state(pid) do
      %DynamicSupervisor{mod: mod, strategy: strategy} ->
        kind = if mod == Task.Supervisor, do: "task_supervisor", else: "dynamic_supervisor"
        {kind, strategy, DynamicSupervisor.count_children(pid).active}

      # OTP's supervisor #state{} record: the strategy is its third element.
      state when is_tuple(state) and elem(state, 0) == :state ->
        registry? = :supervisor.get_callback_module(pid) == Registry.Supervisor
        {if(registry?, do: "registry", else: "supervisor"), elem(state, 2), 0}

      _other ->
        {"not_a_supervisor", "-", 0}
    end
  end

  defp describe(pid, _type), do: {"not_running:" <> inspect(pid), "-", 0}

  defp module([module]), do: inspect(module)
  defp module(modules), do: inspect(modules)

  defp name(pid) when is_pid(pid) do
    case Process.info(pid, :registered_name) do
      {:registered_name, name} when is_atom(name) -> inspect(name)
      _ -> "-"
    end
  end

  defp name(_pid), do: "-"

  defp emit(fields), do: IO.puts(Enum.map_join(["ORACLE" | fields], "\t", &to_string/1))
end

DocgenOracle.main()
