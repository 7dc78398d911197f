/**
 * A child process that stores one blob and exits: `node --import tsx blobPutChild.ts <spec json> <hash>
 * <path>`. It prints "opened" once the store is open and "stored" when the put resolved; the crash test
 * kills it with SIGKILL in between.
 */
import { type BlobStoreSpec, openBlobStoreFor } from './blobStores'

const [specJson, hash, path] = process.argv.slice(2)
if (!specJson || !hash || !path) throw new Error('usage: blobPutChild.ts <spec json> <hash> <path>')
const store = await openBlobStoreFor(JSON.parse(specJson) as BlobStoreSpec)
process.stdout.write('opened\n')
await store.blobs.putFile(hash, path)
process.stdout.write('stored\n')
await store.close()
