defmodule DecisionGraphWeb.Layouts do
  @moduledoc """
  The root HTML layout shared by every LiveView.
  """

  use DecisionGraphWeb, :html

  @doc false
  @spec root(map()) :: Phoenix.LiveView.Rendered.t()
  def root(assigns) do
    ~H"""
    <!DOCTYPE html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="csrf-token" content={get_csrf_token()} />
        <.live_title default="DecisionGraph">{assigns[:page_title]}</.live_title>
        <script defer phx-track-static type="text/javascript" src={~p"/assets/app.js"}>
        </script>
      </head>
      <body>
        {@inner_content}
      </body>
    </html>
    """
  end
end
