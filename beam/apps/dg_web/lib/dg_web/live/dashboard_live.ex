defmodule DecisionGraphWeb.DashboardLive do
  @moduledoc """
  Operator dashboard: node health and projector activity.

  Connected dashboards subscribe to the `"dashboard"` topic on
  `DecisionGraph.PubSub`; anything published with `broadcast/1` is pushed to
  all of them at once. Until projector change notifications are published
  there (a later phase), each dashboard also refreshes itself periodically.
  """

  use DecisionGraphWeb, :live_view

  alias DecisionGraph.API

  @topic "dashboard"
  @refresh_interval :timer.seconds(5)

  @doc """
  Pushes a fresh health summary to every connected dashboard.
  """
  @spec broadcast(API.health()) :: :ok | {:error, term()}
  def broadcast(health) do
    Phoenix.PubSub.broadcast(DecisionGraph.PubSub, @topic, {:health, health})
  end

  @impl true
  def mount(_params, _session, socket) do
    if connected?(socket) do
      :ok = Phoenix.PubSub.subscribe(DecisionGraph.PubSub, @topic)
      schedule_refresh()
    end

    {:ok, socket |> assign(:page_title, "Dashboard") |> assign_health(API.health())}
  end

  @impl true
  def handle_info(:refresh, socket) do
    schedule_refresh()
    {:noreply, assign_health(socket, API.health())}
  end

  def handle_info({:health, health}, socket) do
    {:noreply, assign_health(socket, health)}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <main id="dashboard">
      <h1>DecisionGraph</h1>
      <dl>
        <dt>Status</dt>
        <dd id="health-status">{@health.status}</dd>
        <dt>Active projections</dt>
        <dd id="active-projections">{@health.active_projections}</dd>
        <dt>Version</dt>
        <dd>{@health.version}</dd>
      </dl>
      <p>Updated at {Calendar.strftime(@updated_at, "%H:%M:%S")} UTC</p>
    </main>
    """
  end

  defp assign_health(socket, health) do
    assign(socket, health: health, updated_at: DateTime.utc_now())
  end

  defp schedule_refresh do
    _timer = Process.send_after(self(), :refresh, @refresh_interval)
    :ok
  end
end
