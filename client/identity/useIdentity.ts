/**
 * The current identity as a tiny external store over localStorage, shared by every component and kept in step
 * across tabs through the `storage` event.
 */
import { useSyncExternalStore } from 'react'
import { cleanName, type Identity, parseIdentity, randomIdentity, STORAGE_KEY } from './identity'

const listeners = new Set<() => void>()
let current: Identity | null = null

function readStored(): Identity | null {
  try {
    return parseIdentity(window.localStorage.getItem(STORAGE_KEY))
  } catch {
    return null
  }
}

function write(identity: Identity): void {
  current = identity
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(identity))
  } catch {
    // Storage can be unavailable (private mode, quota); the identity still lives for this page.
  }
  for (const listener of listeners) listener()
}

function getIdentity(): Identity {
  if (current) return current
  const stored = readStored()
  if (stored) {
    current = stored
  } else {
    // Persist the random default at once so the name does not change on every reload.
    current = randomIdentity()
    write(current)
  }
  return current
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  const onStorage = (event: StorageEvent) => {
    if (event.key !== STORAGE_KEY) return
    const next = parseIdentity(event.newValue)
    if (next) {
      current = next
      listener()
    }
  }
  window.addEventListener('storage', onStorage)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('storage', onStorage)
  }
}

/** Saves a name and colour the user chose; an empty name keeps the previous one. */
export function saveIdentity(name: string, color: string): void {
  const previous = getIdentity()
  write({ name: cleanName(name) || previous.name, color, confirmed: true })
}

export function useIdentity(): Identity {
  return useSyncExternalStore(subscribe, getIdentity)
}
