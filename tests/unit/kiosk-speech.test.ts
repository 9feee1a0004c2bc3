import { afterEach, describe, expect, it, vi } from 'vitest'
import { cancelSpeech, speak } from '../../kiosk/src/ui/speech'

/** A stand-in for window.speechSynthesis that records calls and whether something is being read. */
function fakeSynth() {
  const synth = {
    speaking: false,
    pending: false,
    cancel: vi.fn(() => {
      synth.speaking = false
      synth.pending = false
    }),
    speak: vi.fn((_utterance: unknown) => {
      synth.pending = true
    }),
  }
  vi.stubGlobal('window', { speechSynthesis: synth })
  vi.stubGlobal(
    'SpeechSynthesisUtterance',
    class {
      lang = ''
      rate = 1
      constructor(readonly text: string) {}
    },
  )
  return synth
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('read-aloud', () => {
  it('leaves an idle synthesizer alone on a screen change (no browser round trip per tap)', () => {
    const synth = fakeSynth()
    cancelSpeech()
    expect(synth.cancel).not.toHaveBeenCalled()
  })

  it('stops what is queued or being read', () => {
    const synth = fakeSynth()
    speak('请选择办理部门或事项', 'zh')
    expect(synth.speak).toHaveBeenCalledTimes(1)
    expect(synth.speak.mock.calls[0]?.[0]).toMatchObject({ text: '请选择办理部门或事项', lang: 'zh-CN' })
    cancelSpeech()
    expect(synth.cancel).toHaveBeenCalledTimes(2)
    synth.speaking = true
    cancelSpeech()
    expect(synth.cancel).toHaveBeenCalledTimes(3)
  })

  it('is silent where the browser has no speech synthesis', () => {
    vi.stubGlobal('window', {})
    expect(() => {
      speak('首页', 'zh')
      cancelSpeech()
    }).not.toThrow()
  })
})
