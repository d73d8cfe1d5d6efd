// Completes the manifest that @custom-elements-manifest/analyzer derives from the element's JSDoc:
// - each event gets its TypeScript type from `BokehSessionEventMap` in src/element/events.ts (the one map the emitter,
//   `GlobalEventHandlersEventMap` and the framework typings derive from), and the build fails when an event there has
//   no `@fires` line, or a `@fires` has no type;
// - Lit's internal state (`_status`, `state: true`) and private members are left out: they are not API;
// - `@cssstate a, b, c - text` lists several states on one line;
// - a property with a getter and no setter is marked `readonly` (the analyzer reports it as a plain field);
// - the tag's registration (in src/element/define.ts, with a computed name the analyzer cannot follow) is recorded.

const EVENT_MAP = "BokehSessionEventMap"

export function bokehSessionManifestPlugin({tagName, elementModule, defineModule}) {
  const eventTypes = new Map()
  const getterOnly = new Set()
  return {
    name: "bokeh-session-manifest",
    analyzePhase({ts, node}) {
      if (ts.isClassDeclaration(node)) {
        const accessors = (kind) =>
          node.members.filter((member) => member.kind === kind).map((member) => member.name.getText())
        const setters = new Set(accessors(ts.SyntaxKind.SetAccessor))
        for (const name of accessors(ts.SyntaxKind.GetAccessor)) {
          if (!setters.has(name)) getterOnly.add(`${node.name?.text}.${name}`)
        }
      }
      if (ts.isInterfaceDeclaration(node) && node.name.text === EVENT_MAP) {
        for (const member of node.members) {
          if (ts.isPropertySignature(member) && member.type != null && ts.isStringLiteral(member.name)) {
            eventTypes.set(member.name.text, member.type.getText())
          }
        }
      }
    },
    packageLinkPhase({customElementsManifest}) {
      const element = customElementsManifest.modules
        .find((module) => module.path === elementModule)
        ?.declarations?.find((declaration) => declaration.tagName === tagName)
      if (element == null) {
        throw new Error(`No custom element with @tag ${tagName} in ${elementModule}.`)
      }
      element.attributes = (element.attributes ?? []).filter((attribute) => !attribute.fieldName?.startsWith("_"))
      element.members = (element.members ?? [])
        .filter(
          (member) => member.privacy !== "private" && !member.name.startsWith("_") && !member.name.startsWith("#"),
        )
        .map((member) => (getterOnly.has(`${element.name}.${member.name}`) ? {...member, readonly: true} : member))
      element.events = typedEvents(element.events ?? [], eventTypes)
      element.cssStates = (element.cssStates ?? []).flatMap(splitStateList)
      customElementsManifest.modules
        .find((module) => module.path === defineModule)
        ?.exports?.push({
          kind: "custom-element-definition",
          name: tagName,
          declaration: {name: element.name, module: elementModule},
        })
    },
  }
}

function typedEvents(events, eventTypes) {
  // The analyzer also reports `new CustomEvent(type, ...)` inside the emit helper as an event named "type".
  const documented = events.filter((event) => eventTypes.has(event.name) || event.description != null)
  const undocumented = [...eventTypes.keys()].filter((name) => !documented.some((event) => event.name === name))
  const untyped = documented.filter((event) => !eventTypes.has(event.name)).map((event) => event.name)
  if (undocumented.length > 0 || untyped.length > 0) {
    throw new Error(
      [
        ...undocumented.map(
          (name) => `Event ${name} is declared in ${EVENT_MAP} but has no @fires line in the element's JSDoc: add one.`,
        ),
        ...untyped.map(
          (name) =>
            `Event ${name} has a @fires line but no type in ${EVENT_MAP} (src/element/events.ts): declare it there.`,
        ),
      ].join("\n"),
    )
  }
  return documented.map((event) => ({...event, type: {text: eventTypes.get(event.name)}}))
}

function splitStateList(state) {
  if (!state.name.endsWith(",")) {
    return [state]
  }
  const [names, description] = `${state.name} ${state.description ?? ""}`.split(/\s+-\s+/, 2)
  return names
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "")
    .map((name) => ({...state, name, description: description ?? ""}))
}
