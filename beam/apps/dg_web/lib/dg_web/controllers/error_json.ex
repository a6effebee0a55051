defmodule DecisionGraphWeb.ErrorJSON do
  @moduledoc """
  Renders error responses, e.g. `%{errors: %{detail: "Not Found"}}` for 404.

  Invoked by the endpoint through the `:render_errors` configuration.
  """

  @doc false
  @spec render(String.t(), map()) :: %{errors: %{detail: String.t()}}
  def render(template, _assigns) do
    %{errors: %{detail: Phoenix.Controller.status_message_from_template(template)}}
  end
end
