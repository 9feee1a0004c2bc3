/** Entry of the helper console page (/help/, 帮办坐席). */
import '../consoles/consoles.css'
import './helper.css'
import { render } from 'preact'
import { LangProvider } from '../consoles/i18n'
import { createStaffClient } from '../consoles/staffClient'
import { HelperApp } from './HelperApp'

const root = document.getElementById('app')
if (!root) throw new Error('help page is missing #app')
render(
  <LangProvider>
    <HelperApp client={createStaffClient()} />
  </LangProvider>,
  root,
)
