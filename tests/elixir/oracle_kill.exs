# The crash half of tests/elixir/test_runtime_oracle.py, run with `mix run` inside the
# booted fixture umbrella. For every child of every plain supervisor (the top one of
# each application and the supervisors below it), on a freshly started application:
# kill that one process, let the supervisor settle, and print which siblings got a new
# pid and which are gone:
#
#   ORACLE KILL  app  path  killed-id  restarted-ids  vanished-ids  supervisor-exited
#
# The last field is "supervisor-exited" when the supervisor itself gave up (its restart
# intensity was exceeded); every sibling is then listed as vanished.
# "path" is the ids of the supervisors from the top one down ("" for the top one),
# joined by " > "; id lists are joined by " | " ("-" is none).

defmodule DocgenKill do
  def main do
    apps = Mix.Project.apps_paths() |> Map.keys() |> Enum.sort()
    Enum.each(apps, &Application.ensure_all_started/1)

    for app <- apps, path <- supervisor_paths(app) do
      fresh(app)

      for id <- ids(resolve(app, path)) do
        kill(app, path, id)
      end
    end
  end

  defp kill(app, path, id) do
    fresh(app)
    sup = resolve(app, path)
    before = children(sup)
    {^id, pid} = List.keyfind(before, id, 0)
    ref = Process.monitor(pid)
    Process.exit(pid, :kill)

    receive do
      {:DOWN, ^ref, :process, _, _} -> :ok
    after
      5_000 -> raise "#{inspect(id)} did not go down"
    end

    settle(sup, 50)
    alive = Process.alive?(sup)
    now = if alive, do: children(sup), else: []

    restarted =
      for {i, old} <- before, new = List.keyfind(now, i, 0), new != nil, elem(new, 1) != old,
          do: i

    vanished = for {i, _} <- before, List.keyfind(now, i, 0) == nil, do: i
    emit(["KILL", app, Enum.map_join(path, " > ", &inspect/1), inspect(id),
          list(restarted), list(vanished), if(alive, do: "-", else: "supervisor-exited")])
  end

  defp list([]), do: "-"
  defp list(ids), do: Enum.map_join(ids, " | ", &inspect/1)

  # A fresh tree: the application stopped and started again.
  defp fresh(app) do
    _ = Application.stop(app)
    {:ok, _} = Application.ensure_all_started(app)
  end

  # Until every child has a pid again (restarts are synchronous in the supervisor,
  # but its mailbox may still hold the exit): a call round-trips the mailbox.
  defp settle(sup, 0), do: sup

  defp settle(sup, tries) do
    Process.sleep(30)

    if not Process.alive?(sup) or Enum.all?(Supervisor.which_children(sup), fn {_, pid, _, _} -> is_pid(pid) end) do
      sup
    else
      settle(sup, tries - 1)
    end
  end

  defp children(sup) do
    for {id, pid, _, _} <- Enum.reverse(Supervisor.which_children(sup)), is_pid(pid),
        do: {id, pid}
  end

  defp ids(sup), do: Enum.map(children(sup), &elem(&1, 0))

  defp top(app) do
    {top, _} = :application_master.get_child(:application_controller.get_master(app))
    top
  end

  defp resolve(app, path) do
    Enum.reduce(path, top(app), fn id, sup ->
      {^id, pid} = List.keyfind(children(sup), id, 0)
      pid
    end)
  end

  defp supervisor_paths(app) do
    case :application_controller.get_master(app) do
      :undefined -> []
      _ -> walk(top(app), [])
    end
  end

  defp walk(sup, path) do
    below =
      for {id, pid, :supervisor, _} <- Enum.reverse(Supervisor.which_children(sup)),
          plain?(pid),
          deeper <- walk(pid, path ++ [id]),
          do: deeper

    [path | below]
  end

  # A supervisor whose children the source lists (not a dynamic one or a registry).
  defp plain?(pid) do
    case :sys.get_state(pid) do
      %DynamicSupervisor{} -> false
      state when is_tuple(state) and elem(state, 0) == :state ->
        :supervisor.get_callback_module(pid) != Registry.Supervisor
      _ -> false
    end
  end

  defp emit(fields), do: IO.puts(Enum.join(["ORACLE" | Enum.map(fields, &to_string/1)], "\t"))
end

DocgenKill.main()
