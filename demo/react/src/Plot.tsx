// #region recipe
import {useMemo, useState} from "react"
// Registers <bokeh-session> and types it for JSX (React 19 sets its properties and listens to `on<event>`).
import "bokeh-session/react"
import type {EchoedArguments} from "bokeh-session"

export function Plot({url}: {url: string}) {
  const [points, setPoints] = useState(10)
  const [title, setTitle] = useState("Hello from React")
  const [status, setStatus] = useState("idle")
  const [echo, setEcho] = useState<EchoedArguments | null>(null)
  const [log, setLog] = useState<string[]>([])
  // Only new content opens a new session (Bokeh reads arguments only when a session opens); equal objects do not.
  const args = useMemo(() => ({N: String(points), title}), [points, title])
  const record = (event: CustomEvent<{sessionId?: string}>) =>
    setLog((entries) => [...entries, `${event.type} ${event.detail.sessionId ?? ""}`.trim()])

  return (
    <section>
      <label>
        Points{" "}
        <input type="number" min="1" value={points} onChange={(event) => setPoints(event.target.valueAsNumber)} />
      </label>
      <label>
        Title <input value={title} onChange={(event) => setTitle(event.target.value)} />
      </label>
      <bokeh-session
        url={url}
        arguments={args}
        onbokeh-session-connecting={(event) => {
          setStatus("connecting")
          record(event)
        }}
        onbokeh-session-ready={(event) => {
          setStatus("connected")
          setEcho(event.detail.echo)
          record(event)
        }}
        onbokeh-session-error={(event) => setStatus(`error: ${event.detail.message}`)}
        onbokeh-session-closed={record}
      />
      <p>
        Status: <output data-testid="status">{status}</output>
      </p>
      <p>
        The server received: <output data-testid="echo">{JSON.stringify(echo)}</output>
      </p>
      <ol data-testid="log">
        {log.map((entry, index) => (
          <li key={index}>{entry}</li>
        ))}
      </ol>
    </section>
  )
}
// #endregion recipe
