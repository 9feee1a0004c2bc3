/** The helper console (/help/, 帮办坐席): the queue of waiting calls, answer and hang up, both videos. */
import { useEffect, useState } from 'preact/hooks'
import { ConsoleShell } from '../consoles/ConsoleShell'
import { useMessages } from '../consoles/i18n'
import type { StaffClient } from '../consoles/staffClient'
import { StreamVideo } from '../help/StreamVideo'
import { CallbackTasks } from './CallbackTasks'
import { MirrorPanel } from './MirrorPanel'
import { helperMessages } from './messages'
import { useHelpDesk } from './useHelpDesk'

/** The whole console, behind the staff login (role helper). */
export function HelperApp({ client }: { client: StaffClient }) {
  const m = useMessages(helperMessages)
  return (
    <ConsoleShell client={client} staffRole="helper" title={m.title}>
      {(me) => (
        <>
          <HelpDesk />
          <CallbackTasks client={client} me={me.username} />
        </>
      )}
    </ConsoleShell>
  )
}

/** Seconds since each call started, ticking once a second. */
function useNow(): number {
  const [now, setNow] = useState(Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])
  return now
}

function HelpDesk() {
  const m = useMessages(helperMessages)
  const desk = useHelpDesk()
  const { state } = desk
  const now = useNow()
  return (
    <div class="help-desk">
      <p aria-live="polite">
        {!state.connected ? m.connecting : state.notice === 'mediaFailed' ? m.mediaFailed : ''}
        {state.notice === 'ended' && m.ended}
        {state.notice === 'taken' && m.taken}
      </p>
      {state.call && (
        <section aria-labelledby="in-call">
          <h2 id="in-call">{m.inCall(state.call.info.terminalName)}</h2>
          <div class="help-videos">
            <StreamVideo stream={state.call.remote} label={m.remoteVideo} muted={false} />
            <StreamVideo stream={state.call.local} label={m.localVideo} muted={true} />
          </div>
          <button type="button" onClick={desk.hangUp}>
            {m.hangUp}
          </button>
          <MirrorPanel mirror={state.mirror} pointed={state.pointed} onPoint={desk.point} />
        </section>
      )}
      <section aria-labelledby="queue">
        <h2 id="queue">{m.queue}</h2>
        {state.queue.length === 0 ? (
          <p>{m.queueEmpty}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{m.terminal}</th>
                <th scope="col">{m.location}</th>
                <th scope="col">{m.waited}</th>
                <th scope="col">
                  <span class="visually-hidden">{m.answer}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {state.queue.map((call) => (
                <tr key={call.callId}>
                  <td>{call.terminalName}</td>
                  <td>{call.location}</td>
                  <td>{m.seconds(Math.max(0, Math.round((now - call.since) / 1000)))}</td>
                  <td>
                    <button
                      type="button"
                      disabled={state.call !== null}
                      onClick={() => void desk.answer(call.callId)}
                    >
                      {m.answer}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  )
}
