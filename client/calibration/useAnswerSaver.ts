/**
 * Answers saved as the annotator goes: every change is kept in this tab's localStorage at once, then sent
 * (debounced, one PUT per example) and retried until the server has it. A reload or a dropped connection
 * loses nothing: answers not yet confirmed are merged back over the server's copy when the attempt resumes.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { CriterionAnswer } from '../../shared/schema/calibration'
import { saveAnswers } from '../api/calibration'
import { ApiRequestError, errorMessage } from '../api/http'

export type Answers = Record<string, Record<string, CriterionAnswer>>
export type SaveState =
  | { status: 'saved' | 'saving' | 'unsaved' }
  | { status: 'offline' | 'error'; message: string }

const DEBOUNCE_MS = 500
const RETRY_MS = 3000
const storageKey = (attemptId: string) => `yardstick:calibration:${attemptId}`

function readLocal(attemptId: string): Answers {
  try {
    const raw = window.localStorage.getItem(storageKey(attemptId))
    return raw ? (JSON.parse(raw) as Answers) : {}
  } catch {
    return {}
  }
}

function writeLocal(attemptId: string, pending: Answers): void {
  try {
    if (Object.keys(pending).length === 0) window.localStorage.removeItem(storageKey(attemptId))
    else window.localStorage.setItem(storageKey(attemptId), JSON.stringify(pending))
  } catch {
    // Storage full or disabled: the server copy still gets every answer once it is reachable.
  }
}

export function useAnswerSaver(projectId: string, attemptId: string, fromServer: Answers) {
  const [initial] = useState(() => {
    const local = readLocal(attemptId)
    return { answers: { ...fromServer, ...local }, pending: new Set(Object.keys(local)) }
  })
  const [answers, setAnswers] = useState<Answers>(initial.answers)
  const [save, setSave] = useState<SaveState>({ status: initial.pending.size ? 'unsaved' : 'saved' })
  const answersRef = useRef(initial.answers)
  const pending = useRef(initial.pending)
  const timer = useRef<number | undefined>(undefined)
  const running = useRef<Promise<boolean> | null>(null)

  const persist = useCallback(() => {
    writeLocal(
      attemptId,
      Object.fromEntries([...pending.current].map((id) => [id, answersRef.current[id] ?? {}])),
    )
  }, [attemptId])

  const schedule = useCallback((ms: number, run: () => void) => {
    window.clearTimeout(timer.current)
    timer.current = window.setTimeout(run, ms)
  }, [])

  const flush = useCallback(async (): Promise<boolean> => {
    if (running.current) await running.current
    if (pending.current.size === 0) {
      setSave({ status: 'saved' })
      return true
    }
    const run = (async () => {
      setSave({ status: 'saving' })
      for (const exampleId of [...pending.current]) {
        const sent = answersRef.current[exampleId] ?? {}
        try {
          await saveAnswers(projectId, attemptId, exampleId, sent)
        } catch (error) {
          const offline = error instanceof ApiRequestError && error.status === 0
          setSave({ status: offline ? 'offline' : 'error', message: errorMessage(error) })
          schedule(RETRY_MS, () => void flush())
          return false
        }
        // Changed again while the request was on its way: keep it pending for the next round.
        if (answersRef.current[exampleId] === sent) pending.current.delete(exampleId)
      }
      persist()
      if (pending.current.size > 0) {
        setSave({ status: 'unsaved' })
        schedule(DEBOUNCE_MS, () => void flush())
        return false
      }
      setSave({ status: 'saved' })
      return true
    })()
    running.current = run
    try {
      return await run
    } finally {
      running.current = null
    }
  }, [projectId, attemptId, persist, schedule])

  const setAnswer = useCallback(
    (exampleId: string, criterionId: string, answer: CriterionAnswer) => {
      const next = {
        ...answersRef.current,
        [exampleId]: { ...answersRef.current[exampleId], [criterionId]: answer },
      }
      answersRef.current = next
      setAnswers(next)
      pending.current.add(exampleId)
      persist()
      setSave({ status: 'unsaved' })
      schedule(DEBOUNCE_MS, () => void flush())
    },
    [flush, persist, schedule],
  )

  useEffect(() => {
    if (pending.current.size > 0) void flush()
    const online = () => void flush()
    window.addEventListener('online', online)
    return () => {
      window.removeEventListener('online', online)
      window.clearTimeout(timer.current)
    }
  }, [flush])

  /** Sends everything now (before the review screen submits). */
  const saveNow = useCallback(() => {
    window.clearTimeout(timer.current)
    return flush()
  }, [flush])

  /** After submitting: the local copy is no longer needed. */
  const forget = useCallback(() => writeLocal(attemptId, {}), [attemptId])

  return { answers, setAnswer, save, saveNow, forget }
}
