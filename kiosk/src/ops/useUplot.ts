/**
 * Owns one uPlot instance: builds it when its options change, otherwise only swaps the data
 * (so a 30 s refresh redraws in place), and follows the container's width.
 */
import { useEffect, useRef } from 'preact/hooks'
import uPlot from 'uplot'

/** Height of every chart in CSS pixels; fixed so refreshes never move the page. */
export const CHART_HEIGHT = 260

/** Mounts a chart into `ref`; `optionsKey` changes (metric, language) rebuild it, data changes do not. */
export function useUplot(
  makeOptions: (width: number) => uPlot.Options,
  data: uPlot.AlignedData,
  optionsKey: string,
) {
  const ref = useRef<HTMLDivElement>(null)
  const chart = useRef<uPlot | null>(null)
  const latestData = useRef(data)
  latestData.current = data

  // Deliberate deps: rebuilt only when optionsKey says the options changed
  useEffect(() => {
    const host = ref.current
    if (!host) return
    const width = Math.max(320, host.clientWidth)
    const plot = new uPlot(makeOptions(width), latestData.current, host)
    chart.current = plot
    const observer = new ResizeObserver(() => {
      const next = Math.max(320, host.clientWidth)
      if (next !== plot.width) plot.setSize({ width: next, height: CHART_HEIGHT })
    })
    observer.observe(host)
    return () => {
      observer.disconnect()
      plot.destroy()
      chart.current = null
    }
  }, [optionsKey])

  useEffect(() => {
    chart.current?.setData(data)
  }, [data])

  return ref
}
