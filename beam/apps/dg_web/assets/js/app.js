// Entry point bundled by esbuild (see `config :esbuild` in beam/config/config.exs).
// The Phoenix JS packages are resolved from the umbrella's deps/ via NODE_PATH,
// so no npm install is needed.
import "phoenix_html"
import { Socket } from "phoenix"
import { LiveSocket } from "phoenix_live_view"

const csrfToken = document
  .querySelector("meta[name='csrf-token']")
  .getAttribute("content")

const liveSocket = new LiveSocket("/live", Socket, {
  longPollFallbackMs: 2500,
  params: { _csrf_token: csrfToken },
})

liveSocket.connect()

// Expose for debugging from the browser console:
// liveSocket.enableDebug(), liveSocket.enableLatencySim(500)
window.liveSocket = liveSocket
