/** Entry of the ops dashboard page (/ops/). */
import 'uplot/dist/uPlot.min.css'
import '../consoles/consoles.css'
import './ops.css'
import { render } from 'preact'
import { LangProvider } from '../consoles/i18n'
import { createStaffClient } from '../consoles/staffClient'
import { OpsApp } from './OpsApp'

const root = document.getElementById('app')
if (!root) throw new Error('ops page is missing #app')
render(
  <LangProvider>
    <OpsApp client={createStaffClient()} />
  </LangProvider>,
  root,
)
