/**
 * The file-system blob store (the embedded default): its own properties. The shared blob store contract
 * (blobStoreContract.ts) runs against it as well.
 */
import { createHash } from 'node:crypto'
import { readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { text } from 'node:stream/consumers'
import { afterAll, describe, expect, it } from 'vitest'
import { openFsBlobStore } from '../../server/media/fsBlobStore'
import { removeTempDirs, tempDataDir } from '../helpers/server'

afterAll(() => removeTempDirs())

const sha256 = (data: string) => createHash('sha256').update(data).digest('hex')

describe('file-system blob store', () => {
  it('stores a blob under blobs/<first two hex>/<hash>, linked or copied, leaving the caller its file', async () => {
    const dir = tempDataDir()
    const blobs = openFsBlobStore(dir)
    const source = join(dir, 'upload.tmp')
    writeFileSync(source, 'hello media')
    const hash = sha256('hello media')
    await blobs.putFile(hash, source)
    expect(statSync(join(dir, 'blobs', hash.slice(0, 2), hash)).size).toBe(11)
    expect(readdirSync(join(dir, 'blobs', hash.slice(0, 2)))).toEqual([hash])
    expect(await text((await blobs.read(hash))!)).toBe('hello media')
    expect(statSync(source).size).toBe(11)
    await blobs.close()
  })

  it('refuses anything but a sha-256 hex name (no path escapes the blob directory)', async () => {
    const dir = tempDataDir()
    const blobs = openFsBlobStore(dir)
    const source = join(dir, 'upload.tmp')
    writeFileSync(source, 'x')
    for (const bad of ['../../etc/passwd', `../${'a'.repeat(62)}`, 'A'.repeat(64), ''])
      for (const call of [
        () => blobs.putFile(bad, source),
        () => blobs.size(bad),
        () => blobs.read(bad),
        () => blobs.delete(bad),
      ])
        await expect(call()).rejects.toThrow('not a media hash')
    await blobs.close()
  })

  it('lists no temporary file of a put in progress', async () => {
    const dir = tempDataDir()
    const blobs = openFsBlobStore(dir)
    const hash = sha256('half')
    const prefix = join(dir, 'blobs', hash.slice(0, 2))
    const source = join(dir, 'upload.tmp')
    writeFileSync(source, 'whole')
    await blobs.putFile(sha256('whole'), source)
    const { mkdirSync } = await import('node:fs')
    mkdirSync(prefix, { recursive: true })
    writeFileSync(join(prefix, `.${hash}.0123456789abcdef.tmp`), 'ha')
    const listed: string[] = []
    for await (const h of blobs.list()) listed.push(h)
    expect(listed).toEqual([sha256('whole')])
    expect(await blobs.size(hash)).toBeNull()
    await blobs.close()
  })
})
