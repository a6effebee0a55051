defmodule DecisionGraph.Domain.Validation do
  @moduledoc """
  Pure validation rules for decision attributes.

  Rules return `:ok` or `{:error, errors}` where `errors` is a keyword list of
  `field: reason` pairs in field order, so callers (the API facade, the web
  layer) can render them without knowing the rules.
  """

  @statuses ~w(proposed accepted rejected superseded)a
  @id_format ~r/\A[A-Z][A-Z0-9]*-\d+\z/
  @max_title_length 200

  @type reason ::
          :required | :blank | :too_long | :invalid_format | :unknown_status | :self_reference
  @type errors :: [{atom(), reason()}]

  @doc """
  Validates normalised decision attributes (atom keys).
  """
  @spec validate(map()) :: :ok | {:error, errors()}
  def validate(attrs) when is_map(attrs) do
    errors =
      [
        id: validate_id(Map.get(attrs, :id)),
        title: validate_title(Map.get(attrs, :title)),
        status: validate_status(Map.get(attrs, :status)),
        decided_at: validate_decided_at(Map.get(attrs, :decided_at)),
        supersedes: validate_supersedes(Map.get(attrs, :id), Map.get(attrs, :supersedes, []))
      ]
      |> Enum.reject(fn {_field, result} -> result == :ok end)
      |> Enum.map(fn {field, {:error, reason}} -> {field, reason} end)

    if errors == [], do: :ok, else: {:error, errors}
  end

  @doc """
  The statuses a decision may have.
  """
  @spec statuses() :: [atom()]
  def statuses, do: @statuses

  @doc """
  Casts an already validated status (atom or string) to its atom form.
  """
  @spec cast_status(atom() | String.t()) :: atom()
  def cast_status(status) when status in @statuses, do: status

  def cast_status(status) when is_binary(status) do
    Enum.find(@statuses, &(Atom.to_string(&1) == status)) ||
      raise ArgumentError, "unknown decision status: #{inspect(status)}"
  end

  defp validate_id(nil), do: {:error, :required}

  defp validate_id(id) when is_binary(id) do
    if Regex.match?(@id_format, id), do: :ok, else: {:error, :invalid_format}
  end

  defp validate_id(_id), do: {:error, :invalid_format}

  defp validate_title(nil), do: {:error, :required}

  defp validate_title(title) when is_binary(title) do
    cond do
      String.trim(title) == "" -> {:error, :blank}
      String.length(title) > @max_title_length -> {:error, :too_long}
      true -> :ok
    end
  end

  defp validate_title(_title), do: {:error, :invalid_format}

  defp validate_status(nil), do: {:error, :required}
  defp validate_status(status) when status in @statuses, do: :ok

  defp validate_status(status) when is_binary(status) do
    if status in Enum.map(@statuses, &Atom.to_string/1) do
      :ok
    else
      {:error, :unknown_status}
    end
  end

  defp validate_status(_status), do: {:error, :unknown_status}

  defp validate_decided_at(nil), do: :ok
  defp validate_decided_at(%DateTime{}), do: :ok

  defp validate_decided_at(value) when is_binary(value) do
    case DateTime.from_iso8601(value) do
      {:ok, _datetime, _offset} -> :ok
      {:error, _reason} -> {:error, :invalid_format}
    end
  end

  defp validate_decided_at(_value), do: {:error, :invalid_format}

  defp validate_supersedes(id, supersedes) when is_list(supersedes) do
    if id in supersedes, do: {:error, :self_reference}, else: :ok
  end

  defp validate_supersedes(_id, _supersedes), do: {:error, :invalid_format}
end
