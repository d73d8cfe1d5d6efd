import {CUSTOM_ELEMENTS_SCHEMA, Component, computed, signal} from "@angular/core"
// Registers <bokeh-session>; CUSTOM_ELEMENTS_SCHEMA lets Angular templates use it.
import "bokeh-session"
import type {BokehSessionErrorDetail, BokehSessionReadyDetail, EchoedArguments} from "bokeh-session"

@Component({
  selector: "app-plot",
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <h1>bokeh-session in Angular</h1>
    <label>Points <input type="number" min="1" [value]="points()" (input)="points.set(numberFrom($event))" /></label>
    <label>Title <input [value]="title()" (input)="title.set(textFrom($event))" /></label>
    <bokeh-session
      [url]="url"
      [arguments]="args()"
      (bokeh-session-connecting)="onConnecting($event)"
      (bokeh-session-ready)="onReady($event)"
      (bokeh-session-error)="onError($event)"
      (bokeh-session-closed)="record($event)"
    ></bokeh-session>
    <p>
      Status: <output data-testid="status">{{ status() }}</output>
    </p>
    <p>
      The server received: <output data-testid="echo">{{ echoText() }}</output>
    </p>
    <ol data-testid="log">
      @for (entry of log(); track $index) {
        <li>{{ entry }}</li>
      }
    </ol>
  `,
})
export class PlotComponent {
  readonly url = import.meta.env.VITE_BOKEH_APP_URL ?? "http://localhost:5006/echo"
  readonly points = signal(10)
  readonly title = signal("Hello from Angular")
  readonly status = signal("idle")
  readonly echo = signal<EchoedArguments | null>(null)
  readonly log = signal<string[]>([])
  // A computed signal keeps the same object until an input changes; each new object opens a new session.
  readonly args = computed(() => ({N: String(this.points()), title: this.title()}))
  readonly echoText = computed(() => JSON.stringify(this.echo()))

  onConnecting(event: Event) {
    this.status.set("connecting")
    this.record(event)
  }
  onReady(event: Event) {
    this.status.set("connected")
    this.echo.set((event as CustomEvent<BokehSessionReadyDetail>).detail.echo)
    this.record(event)
  }
  onError(event: Event) {
    this.status.set(`error: ${(event as CustomEvent<BokehSessionErrorDetail>).detail.message}`)
  }
  record(event: Event) {
    const {sessionId} = (event as CustomEvent<{sessionId?: string}>).detail
    this.log.update((entries) => [...entries, `${event.type} ${sessionId ?? ""}`.trim()])
  }
  numberFrom(event: Event): number {
    return (event.target as HTMLInputElement).valueAsNumber
  }
  textFrom(event: Event): string {
    return (event.target as HTMLInputElement).value
  }
}
