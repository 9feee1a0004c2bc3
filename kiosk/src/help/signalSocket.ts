/** The signalling WebSocket of one side, typed by the contract (contract/helpCall.ts), on this page's origin. */

/** A socket that sends `Out` and hands every `In` to its listener. */
export interface SignalSocket<Out> {
  send(message: Out): void
  close(): void
}

/** Opens `path` on this origin (wss: under HTTPS); `onMessage` gets every parsed message, `onClose` the end. */
export function openSignalSocket<In, Out>(
  path: string,
  onMessage: (message: In) => void,
  onClose: () => void,
  onOpen?: (socket: SignalSocket<Out>) => void,
): SignalSocket<Out> {
  const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${path}`
  const ws = new WebSocket(url)
  const socket: SignalSocket<Out> = {
    send: (message) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message))
    },
    close: () => ws.close(),
  }
  ws.onopen = () => onOpen?.(socket)
  ws.onmessage = (event) => onMessage(JSON.parse(String(event.data)) as In)
  ws.onclose = onClose
  return socket
}
