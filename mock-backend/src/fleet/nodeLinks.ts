/**
 * How the fleet reaches its nodes: one keep-alive agent per node, the fleet's sockets split evenly between them
 * (so 1 and 2 nodes get the same client concurrency in all), and each terminal sticks to one node. Sticky, not
 * round-robin per request: a terminal keeps its keep-alive connection, and a layer-4 balancer pins a connection to
 * one node, so this is the load a real deployment sees; requests that alternate between nodes on every call are
 * what tests/unit/backend-nodes.test.ts checks for correctness.
 */
import type { Agent } from 'node:http'
import { agentFetch, fleetAgent } from './agentFetch'

/** One node as the fleet's terminals reach it. */
export interface NodeLink {
  url: string
  fetch: typeof fetch
}

/** Links to `urls` over `sockets` connections in all (at least one per node); `destroy` closes them. */
export function nodeLinks(urls: readonly string[], sockets: number): { links: NodeLink[]; destroy(): void } {
  const perNode = Math.max(1, Math.round(sockets / urls.length))
  const agents: Agent[] = urls.map(() => fleetAgent(perNode))
  return {
    links: urls.map((url, i) => ({ url, fetch: agentFetch(agents[i]!) })),
    destroy: () => {
      for (const agent of agents) agent.destroy()
    },
  }
}

/** The node terminal number `terminal` sticks to. */
export function nodeOf<T>(links: readonly T[], terminal: number): T {
  return links[terminal % links.length]!
}
