defmodule DecisionGraphWeb do
  @moduledoc """
  The entry point for defining the web interface: controllers, live views,
  components and the router.

  Use it as:

      use DecisionGraphWeb, :controller
      use DecisionGraphWeb, :live_view

  Keep the quoted blocks below short: everything in them is injected into
  every module that uses them.
  """

  @doc false
  @spec static_paths() :: [String.t()]
  def static_paths, do: ~w(assets favicon.ico robots.txt)

  @doc false
  @spec router() :: Macro.t()
  def router do
    quote do
      use Phoenix.Router, helpers: false

      import Plug.Conn
      import Phoenix.Controller
      import Phoenix.LiveView.Router
    end
  end

  @doc false
  @spec controller() :: Macro.t()
  def controller do
    quote do
      use Phoenix.Controller, formats: [:json]

      import Plug.Conn

      unquote(verified_routes())
    end
  end

  @doc false
  @spec live_view() :: Macro.t()
  def live_view do
    quote do
      use Phoenix.LiveView

      unquote(html_helpers())
    end
  end

  @doc false
  @spec html() :: Macro.t()
  def html do
    quote do
      use Phoenix.Component

      import Phoenix.Controller, only: [get_csrf_token: 0]

      unquote(html_helpers())
    end
  end

  defp html_helpers do
    quote do
      import Phoenix.HTML

      unquote(verified_routes())
    end
  end

  @doc false
  @spec verified_routes() :: Macro.t()
  def verified_routes do
    quote do
      use Phoenix.VerifiedRoutes,
        endpoint: DecisionGraphWeb.Endpoint,
        router: DecisionGraphWeb.Router,
        statics: DecisionGraphWeb.static_paths()
    end
  end

  @doc """
  Dispatches to the appropriate controller/live_view/router/html block.
  """
  defmacro __using__(which) when is_atom(which) do
    apply(__MODULE__, which, [])
  end
end
