defmodule DecisionGraph.Observability.Handlers do
  @moduledoc """
  Baseline telemetry-to-log handlers.

  These handlers implement the logging conventions of the platform: one log
  line per interesting event, with the event name in the `:telemetry_event`
  metadata key and durations in `:duration_ms`, so every line can be joined
  with traces and metrics. The metadata keys are declared once, in
  `config/config.exs`.

  Handlers run inside the process that emitted the event. They must be cheap
  and must never raise: `:telemetry` detaches a handler that crashes.
  """

  require Logger

  @handler_id "decision-graph-observability-log-handler"

  @events [
    [:phoenix, :endpoint, :stop],
    [:phoenix, :router_dispatch, :exception],
    [:dg_store, :repo, :query],
    [:decision_graph, :projector, :record],
    [:decision_graph, :projector, :replay, :stop],
    [:decision_graph, :projector, :replay, :exception]
  ]

  @doc """
  The telemetry events this module logs.
  """
  @spec events() :: [:telemetry.event_name()]
  def events, do: @events

  @doc """
  Attaches the log handlers. Safe to call more than once.
  """
  @spec attach() :: :ok
  def attach do
    config = %{slow_query_threshold_ms: slow_query_threshold_ms()}

    case :telemetry.attach_many(@handler_id, @events, &__MODULE__.handle_event/4, config) do
      :ok -> :ok
      {:error, :already_exists} -> :ok
    end
  end

  @doc """
  Detaches the log handlers.
  """
  @spec detach() :: :ok
  def detach do
    case :telemetry.detach(@handler_id) do
      :ok -> :ok
      {:error, :not_found} -> :ok
    end
  end

  @doc false
  @spec handle_event(:telemetry.event_name(), map(), map(), map()) :: :ok
  def handle_event(event, measurements, metadata, config) do
    case message(event, measurements, metadata, config) do
      {level, message} -> Logger.log(level, message, log_metadata(event, measurements, metadata))
      :ignore -> :ok
    end
  end

  defp message([:phoenix, :endpoint, :stop], _, %{conn: conn}, _) do
    {:info, "#{conn.method} #{conn.request_path} -> #{conn.status}"}
  end

  defp message([:phoenix, :router_dispatch, :exception], _, metadata, _) do
    {:error, "router dispatch failed: " <> banner(metadata)}
  end

  defp message([:dg_store, :repo, :query], measurements, metadata, config) do
    if to_ms(measurements[:total_time]) >= config.slow_query_threshold_ms do
      {:warning, "slow query on #{metadata[:source] || "unknown source"}"}
    else
      :ignore
    end
  end

  defp message([:decision_graph, :projector, :record], measurements, _, _) do
    {:debug, "decision recorded at sequence #{measurements.sequence}"}
  end

  defp message([:decision_graph, :projector, :replay, :stop], _, _, _) do
    {:info, "projection replay finished"}
  end

  defp message([:decision_graph, :projector, :replay, :exception], _, metadata, _) do
    {:error, "projection replay crashed: " <> banner(metadata)}
  end

  defp message(_event, _measurements, _metadata, _config), do: :ignore

  defp banner(%{kind: kind, reason: reason}), do: Exception.format_banner(kind, reason)

  # Process metadata such as :request_id is already set in the emitting
  # process; only event-specific keys are added here.
  defp log_metadata(event, measurements, metadata) do
    duration = measurements[:duration] || measurements[:total_time]
    base = [telemetry_event: Enum.map_join(event, ".", &Atom.to_string/1)]
    base = if duration, do: [{:duration_ms, to_ms(duration)} | base], else: base

    case metadata do
      %{projection_id: projection_id} -> [{:projection_id, projection_id} | base]
      _other -> base
    end
  end

  defp to_ms(nil), do: 0
  defp to_ms(native), do: System.convert_time_unit(native, :native, :millisecond)

  defp slow_query_threshold_ms do
    Application.get_env(:dg_observability, :slow_query_threshold_ms, 100)
  end
end
