// #region live
import {useMemo, useState} from "react"
import "bokeh-session/react"
import type {BokehSessionElement} from "bokeh-session"

/** A React input and the number input inside a live Bokeh app (demo/apps/live.py) move together. */
export function LivePlot({url}: {url: string}) {
  const [points, setPoints] = useState(50)
  const [source, setSource] = useState("none yet")
  const [error, setError] = useState("")
  // A change updates the running session in place (the app calls live_arguments): no new session.
  const args = useMemo(() => ({N: String(points)}), [points])

  return (
    <section>
      <h2>Live arguments: a React input and a Bokeh input, linked</h2>
      <label>
        N, from React{" "}
        <input
          type="number"
          min="1"
          max="500"
          value={points}
          onChange={(event) => setPoints(event.target.valueAsNumber)}
        />
      </label>
      <bokeh-session
        id="live"
        url={url}
        arguments={args}
        onbokeh-session-updated={(event) => {
          // The app's own input changed: React's state follows (the element already holds the new arguments).
          if (event.detail.source === "server") {
            setPoints(Number(event.detail.arguments.N?.[0]))
          }
          setSource(event.detail.source)
          setError("")
        }}
        onbokeh-session-error={(event) => {
          setError(event.detail.message)
          // A refused change: the element went back to what the app holds; so does React's state.
          setPoints(Number((event.target as BokehSessionElement).arguments?.N))
        }}
      />
      <p>
        Last change from: <output data-testid="live-source">{source}</output>
      </p>
      {error === "" ? null : <p role="alert">{error}</p>}
    </section>
  )
}
// #endregion live
