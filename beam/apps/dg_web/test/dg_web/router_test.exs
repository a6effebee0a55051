defmodule DecisionGraphWeb.RouterTest do
  use ExUnit.Case, async: true

  import Phoenix.ConnTest
  import Phoenix.LiveViewTest

  alias DecisionGraphWeb.DashboardLive

  @endpoint DecisionGraphWeb.Endpoint

  setup do
    %{conn: build_conn()}
  end

  describe "GET /health" do
    test "reports the node as healthy", %{conn: conn} do
      conn = get(conn, "/health")

      assert %{"status" => "ok", "version" => _, "active_projections" => count} =
               json_response(conn, 200)

      assert is_integer(count)
    end

    test "tags every response with a request id", %{conn: conn} do
      conn = get(conn, "/health")

      assert [request_id] = Plug.Conn.get_resp_header(conn, "x-request-id")
      assert byte_size(request_id) > 0
    end
  end

  describe "live /" do
    test "renders the dashboard and applies broadcast updates", %{conn: conn} do
      {:ok, view, html} = live(conn, "/")

      assert html =~ "DecisionGraph"

      :ok = DashboardLive.broadcast(%{status: :ok, version: "9.9.9", active_projections: 42})

      assert view |> element("#active-projections") |> render() =~ "42"
    end
  end

  test "unknown routes get a JSON 404", %{conn: conn} do
    {404, _headers, body} = assert_error_sent(404, fn -> get(conn, "/does-not-exist") end)

    assert Jason.decode!(body) == %{"errors" => %{"detail" => "Not Found"}}
  end
end
