/** Entry of the admin console page (/admin/). */
import '../consoles/consoles.css'
import { render } from 'preact'
import { LangProvider } from '../consoles/i18n'
import { createStaffClient } from '../consoles/staffClient'
import { AdminApp } from './AdminApp'

const root = document.getElementById('app')
if (!root) throw new Error('admin page is missing #app')
render(
  <LangProvider>
    <AdminApp client={createStaffClient()} />
  </LangProvider>,
  root,
)
