/**
 * Comment threads in real Chromium: a reviewer (who cannot edit the text) selects a word and comments on it,
 * mentioning the lead; the lead sees the highlight and the mention badge live, opens the thread from the
 * highlighted text, replies and resolves it; the reviewer sees it resolved live. Publishing with an open thread
 * warns in the dialog, and the versions page shows how many threads were open. When the server closes the
 * comments connection for good (4403: the role may no longer comment), both panels say why, and it stays closed.
 * Screenshots of each step.
 */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { COMMENTS_SUFFIX, commentsDocName } from '../../shared/protocol/docNames'
import { api, createProject, inviteUser, setupOwner, type TestUser } from '../helpers/accounts'
import { screenshot, screenshotSideBySide } from '../helpers/browser'
import { connectClient, waitFor, waitForSynced } from '../helpers/clients'
import { addParagraph, threadOn } from '../helpers/comments'
import { completeDraft, draftIsDurable } from '../helpers/drafts'
import { type ChildServer, spawnServer } from '../helpers/server'
import { browserSuite, SERVER_ENV } from './browserSuite'
import { documentBlocks, selectWord, typeAtEnd, waitForStatus, waitForText } from './editorPage'

const suite = browserSuite()
let server: ChildServer
let owner: TestUser

beforeAll(async () => {
  server = await spawnServer({ env: SERVER_ENV })
  owner = await setupOwner(server)
})

const threadState = (page: Page) => page.getByTestId('comment-thread').first().getAttribute('data-state')

describe('comment threads in the browser', () => {
  it('a reviewer comments on a word, a lead replies and resolves, the reviewer sees it resolved live', async () => {
    const projectId = await createProject(server.url, owner, 'Comment review')
    const leeAccount = await inviteUser(server.url, owner, projectId, 'lead', 'Lee Lead')
    const ritaAccount = await inviteUser(server.url, owner, projectId, 'reviewer', 'Rita Reviewer')
    const lee = await suite.newUser(server.url, leeAccount)
    const rita = await suite.newUser(server.url, ritaAccount)

    await lee.page.goto(`${server.url}/projects/${projectId}`)
    await waitForStatus(lee.page, 'saved')
    const sentence = 'Answers must be concise and accurate.'
    await typeAtEnd(lee.page, sentence)
    await waitForStatus(lee.page, 'saved')
    await rita.page.goto(`${server.url}/projects/${projectId}`)
    await waitForStatus(rita.page, 'view-only')
    await waitForText(rita.page, sentence, 'Rita')

    // Rita (read-only) selects "concise" and starts a thread, mentioning Lee.
    await selectWord(rita.page, 'concise')
    await rita.page.getByTestId('comment-selection').click()
    const input = rita.page.getByTestId('new-comment-input')
    await input.waitFor()
    await input.pressSequentially('Does this mean short, or free of needless words? @Le')
    await rita.page.getByRole('button', { name: '@Lee Lead' }).click()
    await input.pressSequentially('what do you think?')
    await screenshot(rita.page, 'comments-01-reviewer-writes')
    await rita.page.getByTestId('new-comment-input-submit').click()
    await rita.page.getByTestId('comment-thread').waitFor()
    expect(await rita.page.locator('.comment-anchor').textContent()).toBe('concise')
    // Commenting did not change the text she cannot edit (reviewers' editor is in Suggesting mode: editable
    // only so that typing becomes suggestions).
    expect(await rita.page.getByTestId('suggesting-badge').textContent()).toBe('Suggesting')
    expect(await documentBlocks(rita.page)).toContain(sentence)

    // Lee sees the highlight and a mention badge live, then opens the thread from the highlighted word.
    await lee.page.locator('.comment-anchor', { hasText: 'concise' }).waitFor()
    await lee.page.getByTestId('mention-badge').waitFor()
    expect(await lee.page.getByTestId('mention-badge').textContent()).toBe('@1')
    await screenshot(lee.page, 'comments-02-lead-sees-highlight-and-badge')
    await lee.page.locator('.comment-anchor', { hasText: 'concise' }).click()
    const thread = lee.page.getByTestId('comment-thread').first()
    await thread.waitFor()
    expect(await thread.getAttribute('class')).toContain('thread--active')
    expect(await thread.textContent()).toContain('Does this mean short, or free of needless words?')
    expect(await thread.locator('.mention').textContent()).toBe('@Lee Lead')
    await waitFor(async () => (await lee.page.getByTestId('mention-badge').count()) === 0, {
      message: 'the badge clears once Lee opened the thread',
    })

    // Lee replies and resolves.
    await lee.page.getByTestId('reply-input').fill('Free of needless words. I will reword the sentence.')
    await lee.page.getByTestId('reply-input-submit').click()
    await waitFor(async () => (await thread.getByTestId('comment').count()) === 2)
    await screenshot(lee.page, 'comments-03-lead-replied')
    await lee.page.getByTestId('thread-resolve').click()
    await waitFor(async () => (await threadState(lee.page)) === 'resolved')

    // Rita sees the reply and the resolution live; the highlight goes away for resolved threads.
    await waitFor(async () => (await threadState(rita.page)) === 'resolved', {
      message: 'Rita sees the thread resolved',
    })
    await rita.page.getByTestId('thread-resolved-note').waitFor()
    expect(await rita.page.getByTestId('thread-resolved-note').textContent()).toContain(
      'Resolved by Lee Lead',
    )
    await rita.page.getByTestId('comments-filter-resolved').click()
    await rita.page.getByTestId('comment-thread').first().click()
    await waitFor(async () => (await rita.page.getByTestId('comment').count()) === 2)
    await screenshotSideBySide(
      [
        { label: 'Lee Lead (resolved it)', page: lee.page },
        { label: 'Rita Reviewer (sees it resolved)', page: rita.page },
      ],
      'comments-04-resolved-live',
    )
    await rita.page.getByTestId('comments-filter-open').click()
    await rita.page.getByTestId('comments-empty').waitFor()
  })

  it('warns about open threads when publishing, and the versions page shows how many were open', async () => {
    const projectId = await createProject(server.url, owner, 'Publish with open threads')
    const reviewer = await inviteUser(server.url, owner, projectId, 'reviewer', 'Remy Reviewer')
    // A publishable draft and one open thread on it, written by real Node clients.
    const draft = connectClient(server.url, projectId, { user: owner })
    const comments = connectClient(server.url, commentsDocName(projectId), { user: reviewer })
    await Promise.all([waitForSynced(draft), waitForSynced(comments)])
    completeDraft(draft)
    addParagraph(draft.doc, 'Rate the whole answer, not its first sentence.')
    await draftIsDurable(server.url, projectId, owner, draft)
    threadOn(
      draft.doc,
      comments.doc,
      'whole answer',
      { id: reviewer.id, name: reviewer.name },
      'Even long ones?',
    )
    await waitFor(async () => {
      const response = await fetch(`${server.url}/api/projects/${projectId}/comments/summary`, {
        headers: { cookie: owner.cookie },
      })
      return ((await response.json()) as { open: number }).open === 1
    })
    draft.destroy()
    comments.destroy()

    const olivia = await suite.newUser(server.url, owner)
    const page = olivia.page
    await page.goto(`${server.url}/projects/${projectId}`)
    await waitForStatus(page, 'saved')
    await page.locator('.comment-anchor', { hasText: 'whole answer' }).waitFor()
    // A thread on a rubric criterion, started from its card.
    const criterion = page.getByTestId('criterion').first()
    await criterion.getByTestId('comment-criterion').click()
    await page.getByTestId('new-comment-input').fill('Should a partly helpful answer get a 3?')
    await page.getByTestId('new-comment-input-submit').click()
    const criterionThread = page.locator('[data-testid="comment-thread"]', { hasText: 'partly helpful' })
    await criterionThread.waitFor()
    expect(await criterionThread.locator('.thread__kind').textContent()).toBe('Criterion')
    expect(await criterionThread.locator('.thread__quote').textContent()).toBe('Helpfulness')
    await screenshot(page, 'comments-05-criterion-thread')
    await page.getByTestId('panel-tab-rubric').click()
    await criterion.getByTestId('target-open-threads').waitFor()
    expect(await criterion.getByTestId('target-open-threads').textContent()).toBe('1')

    await page.getByTestId('publish-button').click()
    await page.getByTestId('publish-dialog').waitFor()
    await page.getByTestId('publish-open-threads').waitFor()
    expect(await page.getByTestId('publish-open-threads').textContent()).toContain(
      '2 comment threads still open',
    )
    await page.getByTestId('publish-changelog').fill('First release')
    await screenshot(page, 'comments-06-publish-warns')
    await page.getByTestId('publish-submit').click()
    await page.getByTestId('publish-toast').waitFor()

    await page.goto(`${server.url}/projects/${projectId}/versions`)
    await page.getByTestId('version-open-threads').waitFor()
    expect(await page.getByTestId('version-open-threads').textContent()).toContain(
      '2 open comment threads at publish',
    )
    await screenshot(page, 'comments-07-versions-open-threads')
  })

  it('shows a thread as "Text deleted" when its word is deleted, and re-attached for everyone after undo', async () => {
    const projectId = await createProject(server.url, owner, 'Undo keeps comments')
    const reviewer = await inviteUser(server.url, owner, projectId, 'reviewer', 'Ria Reviewer')
    const draft = connectClient(server.url, projectId, { user: owner })
    const comments = connectClient(server.url, commentsDocName(projectId), { user: reviewer })
    await Promise.all([waitForSynced(draft), waitForSynced(comments)])
    addParagraph(draft.doc, 'Keep every answer brief and kind.')
    threadOn(draft.doc, comments.doc, 'brief', { id: reviewer.id, name: reviewer.name }, 'How brief?')
    await waitFor(async () => {
      const response = await fetch(`${server.url}/api/projects/${projectId}/comments/summary`, {
        headers: { cookie: owner.cookie },
      })
      return ((await response.json()) as { open: number }).open === 1
    })
    draft.destroy()
    comments.destroy()

    const olivia = await suite.newUser(server.url, owner)
    const ria = await suite.newUser(server.url, reviewer)
    await olivia.page.goto(`${server.url}/projects/${projectId}`)
    await ria.page.goto(`${server.url}/projects/${projectId}`)
    await ria.page.locator('.comment-anchor', { hasText: 'brief' }).waitFor()
    await ria.page.getByTestId('panel-tab-comments').click()
    await olivia.page.locator('.comment-anchor', { hasText: 'brief' }).waitFor()

    // Olivia deletes the commented word: Ria's thread stays listed, marked as detached.
    await selectWord(olivia.page, 'brief')
    await olivia.page.keyboard.press('Backspace')
    await waitForText(ria.page, 'Keep every answer  and kind.', 'Ria')
    await ria.page.getByTestId('thread-detached').waitFor()
    expect(await ria.page.locator('.comment-anchor').count()).toBe(0)
    expect(await ria.page.getByTestId('comment-thread').textContent()).toContain('How brief?')
    await screenshot(ria.page, 'comments-08-text-deleted')

    // Olivia undoes: the word is back and the thread is attached again on Ria's page too.
    await olivia.page.keyboard.press('Control+z')
    await waitForText(ria.page, 'Keep every answer brief and kind.', 'Ria')
    await ria.page.locator('.comment-anchor', { hasText: 'brief' }).waitFor()
    await waitFor(async () => (await ria.page.getByTestId('thread-detached').count()) === 0, {
      message: 'the thread re-attached on the reviewer page',
    })
    expect(await ria.page.getByTestId('comment-thread').textContent()).toContain('How brief?')
    await screenshot(ria.page, 'comments-09-undo-reattached')
  })
  it('when the server closes the comments connection with 4403, the comments and suggestions panels say why and it does not reconnect', async () => {
    const projectId = await createProject(server.url, owner, 'Comments refused')
    const rayAccount = await inviteUser(server.url, owner, projectId, 'reviewer', 'Ray Reviewer')
    const ray = await suite.newUser(server.url, rayAccount)
    const isComments = (url: string) => new URL(url).pathname.endsWith(COMMENTS_SUFFIX)
    // The page keeps its draft socket when the server closes it, so the editor stays as it is and only the
    // comments connection's close shows (otherwise the page leaves the editor for the annotator's page).
    await ray.page.routeWebSocket(
      (url) => url.pathname.endsWith(`/${projectId}`),
      (socket) => {
        const upstream = socket.connectToServer()
        upstream.onClose(() => {})
      },
    )
    let commentsAnswered = false
    ray.page.on('websocket', (socket) => {
      if (isComments(socket.url())) socket.on('framereceived', () => (commentsAnswered = true))
    })
    await ray.page.goto(`${server.url}/projects/${projectId}`)
    await waitForStatus(ray.page, 'view-only')
    await ray.page.getByTestId('panel-tab-suggestions').click()
    await ray.page.getByTestId('suggestions-panel').waitFor()
    await waitFor(() => commentsAnswered, { message: "the server answers Ray's comments socket" })
    expect(await ray.page.getByTestId('comments-closed').count()).toBe(0)

    // The owner makes Ray an annotator, who may not comment or suggest: the server closes his comments socket.
    const patch = await api(server.url, `/api/projects/${projectId}/members/${rayAccount.id}`, {
      method: 'PATCH',
      user: owner,
      body: { role: 'annotator' },
    })
    expect(patch.status).toBe(200)
    const notice = ray.page.getByTestId('comments-closed')
    await notice.waitFor()
    const removed = 'Your access to the comments and suggestions of this project was removed'
    expect(await notice.textContent()).toContain(removed)
    expect(await notice.getAttribute('role')).toBe('alert')
    await screenshot(ray.page, 'comments-10-connection-closed-suggestions')
    await ray.page.getByTestId('panel-tab-comments').click()
    await ray.page.getByTestId('comments-panel').waitFor()
    expect(await notice.textContent()).toContain(removed)
    await screenshot(ray.page, 'comments-11-connection-closed-comments')
    // It stays closed: no second comments socket after the provider's first reconnect delays have passed.
    await ray.page.waitForTimeout(2000)
    expect(ray.sockets.filter(isComments)).toHaveLength(1)
  })
})
