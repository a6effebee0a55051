defmodule DecisionGraphWeb.Endpoint do
  @moduledoc """
  The HTTP entry point: static assets, the LiveView socket and the plug
  pipeline in front of `DecisionGraphWeb.Router`.
  """

  use Phoenix.Endpoint, otp_app: :dg_web

  # The session is stored in a signed cookie, so it can be read but not
  # tampered with. Set :encryption_salt to also encrypt it.
  @session_options [
    store: :cookie,
    key: "_dg_web_key",
    signing_salt: "UdK1Q0LT",
    same_site: "Lax"
  ]

  socket "/live", Phoenix.LiveView.Socket,
    websocket: [connect_info: [session: @session_options]],
    longpoll: [connect_info: [session: @session_options]]

  plug Plug.Static,
    at: "/",
    from: :dg_web,
    gzip: false,
    only: DecisionGraphWeb.static_paths()

  if code_reloading? do
    socket "/phoenix/live_reload/socket", Phoenix.LiveReloader.Socket
    plug Phoenix.LiveReloader
    plug Phoenix.CodeReloader
  end

  plug Plug.RequestId
  plug Plug.Telemetry, event_prefix: [:phoenix, :endpoint]

  plug Plug.Parsers,
    parsers: [:urlencoded, :multipart, :json],
    pass: ["*/*"],
    json_decoder: Phoenix.json_library()

  plug Plug.MethodOverride
  plug Plug.Head
  plug Plug.Session, @session_options
  plug DecisionGraphWeb.Router
end
