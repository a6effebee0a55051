defmodule DecisionGraphWeb.Router do
  @moduledoc """
  Routes for the Phase 2 delivery shell: a JSON health check and the
  LiveView dashboard.
  """

  use DecisionGraphWeb, :router

  pipeline :browser do
    plug :accepts, ["html"]
    plug :fetch_session
    plug :fetch_live_flash
    plug :put_root_layout, html: {DecisionGraphWeb.Layouts, :root}
    plug :protect_from_forgery
    plug :put_secure_browser_headers
  end

  pipeline :api do
    plug :accepts, ["json"]
  end

  scope "/", DecisionGraphWeb do
    pipe_through :api

    get "/health", HealthController, :show
  end

  scope "/", DecisionGraphWeb do
    pipe_through :browser

    live "/", DashboardLive
  end
end
