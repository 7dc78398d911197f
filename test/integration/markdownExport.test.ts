/**
 * The reproduction over real HTTP and a real Yjs client: a link whose href tries to leave
 * `[text](…)` (`https://ok.example/)<script>…`) written straight into the draft, published, then read back
 * as the Markdown export and as `guideline.markdown` in the version JSON (owner and read token). Rendered
 * with markdown-it, raw HTML off and on, it is one link to the percent-encoded href and nothing else.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { guidelineFragment } from '../../shared/ydoc/layout'
import { api, apiJson, createProject, setupOwner } from '../helpers/accounts'
import { connectClient, destroyAllClients, waitForSynced } from '../helpers/clients'
import { completeDraft, draftIsDurable } from '../helpers/drafts'
import { inspectMarkdown } from '../helpers/hostileMarkdown'
import { removeTempDirs, startTestServer, stopAllServers } from '../helpers/server'

afterEach(async () => {
  destroyAllClients()
  await stopAllServers()
  removeTempDirs()
})

const HREF = 'https://ok.example/)<script>alert(document.domain)</script>'

function expectOneSafeLink(markdown: string, label: string) {
  expect(markdown, label).not.toContain('](https://ok.example/)<script>')
  for (const rawHtml of [false, true]) {
    const rendered = inspectMarkdown(markdown, rawHtml)
    for (const tag of ['script', 'img', 'iframe', 'object', 'embed', 'svg', 'style'])
      expect(rendered.tags.get(tag) ?? 0, `${label}: <${tag}>`).toBe(0)
    expect(rendered.hrefs, label).toHaveLength(1)
    expect(decodeURIComponent(rendered.hrefs[0]!), label).toBe(HREF)
    expect(rendered.text, label).toContain('beforeclickmeafter')
  }
}

describe('Markdown export of a hostile link', () => {
  it('keeps the link inside its brackets in the export and in the version JSON', async () => {
    const server = await startTestServer()
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner, 'Links')
    const client = connectClient(server.url, project, { user: owner })
    await waitForSynced(client)
    completeDraft(client)
    client.doc.transact(() => {
      const paragraph = new Y.XmlElement('paragraph')
      const text = new Y.XmlText()
      paragraph.insert(0, [text])
      guidelineFragment(client.doc).insert(guidelineFragment(client.doc).length, [paragraph])
      text.insert(0, 'before ')
      text.insert(text.length, 'click me', { link: { href: HREF } })
      text.insert(text.length, ' after')
    })
    await draftIsDurable(server.url, project, owner, client)
    const published = await api(server.url, `/api/projects/${project}/versions`, {
      user: owner,
      body: { bump: 'major', changelog: 'Links' },
    })
    expect(published.status).toBe(201)

    const exported = await api(server.url, `/api/projects/${project}/versions/1.0.0/markdown`, {
      user: owner,
    })
    expect(exported.status).toBe(200)
    expect(exported.headers.get('content-type')).toContain('text/markdown')
    expectOneSafeLink(await exported.text(), 'markdown export')

    const version = await apiJson<{ guideline: { markdown: string } }>(
      server.url,
      `/api/projects/${project}/versions/1.0.0`,
      { user: owner },
    )
    expectOneSafeLink(version.guideline.markdown, 'version JSON (owner)')

    const { token } = await apiJson<{ token: string }>(server.url, `/api/projects/${project}/tokens`, {
      user: owner,
      body: { name: 'tool' },
    })
    const forTool = (await (
      await fetch(`${server.url}/api/projects/${project}/versions/latest`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as { guideline: { markdown: string } }
    expectOneSafeLink(forTool.guideline.markdown, 'version JSON (read token)')
  })
})
