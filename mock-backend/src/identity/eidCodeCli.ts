/**
 * `npm run eid:code`: prints a fresh 电子身份证 code of the mock issuer for 李明 (valid 60 s), for demos and tests that
 * show it to the agent's simulated 扫码器 (`sim.showQr`, kiosk/agent/PROTOCOL.md). Accepted only by a backend whose
 * EID_PUBLIC_KEY is the demo issuer's (the default).
 */
import { DEMO_RESIDENT, demoIssuerPrivateKey } from './demoIssuer'
import { issueEidCode } from './eidCode'

process.stdout.write(`${issueEidCode(demoIssuerPrivateKey(), DEMO_RESIDENT, Date.now())}\n`)
