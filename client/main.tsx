/** Browser entry point: asks the server who is signed in, then mounts the app into #root. */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { loadSession } from './auth/session'
import './styles/base.css'
import './styles/chrome.css'
import './styles/projects.css'
import './styles/editor.css'
import './styles/guideline.css'
import './styles/auth.css'
import './styles/members.css'
import './styles/responsive.css'

const root = document.getElementById('root')
if (!root) throw new Error('index.html must contain <div id="root">')
loadSession()
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
