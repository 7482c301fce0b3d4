// A long answer is written through a few chunks of memory used again once sent, not a new
// chunk for every 64 KB: an export of a million hits wrote 8 GB, each chunk new memory
// outside the heap, which is what starts the collector's full collections during an export.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ByteChunks, CHUNK_BYTES } from './byte-chunks';
import { writeParts } from './write-parts';

let server: Server | undefined;
afterEach(
  () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
);

/** Serves `parts` through writeParts; the answer's bytes as the client read them. */
async function served(parts: () => AsyncIterable<string | Buffer>): Promise<Buffer> {
  server = createServer((_req, res) => void writeParts(res, parts()));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    request({ port, host: '127.0.0.1' }, (res) => {
      const got: Buffer[] = [];
      res.on('data', (chunk: Buffer) => got.push(chunk));
      res.on('end', () => resolve(Buffer.concat(got)));
    })
      .on('error', reject)
      .end();
  });
}

describe('writing a long answer', () => {
  it('uses a few chunks of memory again, and writes every byte in order', async () => {
    const memory = new Set<ArrayBufferLike>();
    const take = ByteChunks.prototype.take;
    vi.spyOn(ByteChunks.prototype, 'take').mockImplementation(function (this: ByteChunks) {
      const full = take.call(this);
      for (const chunk of full) memory.add(chunk.buffer);
      return full;
    });
    const line = (i: number) => `${String(i).padStart(8, '0')} ${'x'.repeat(1_000)}\n`;
    const lines = 20_000;
    const answer = await served(async function* () {
      for (let i = 0; i < lines; i++) yield line(i);
    });
    expect(answer.toString()).toBe(Array.from({ length: lines }, (_, i) => line(i)).join(''));
    // 20 MB in chunks of 64 KB: some 300 chunks sent, through a few dozen at most.
    expect(answer.length / CHUNK_BYTES).toBeGreaterThan(300);
    expect(memory.size).toBeLessThan(40);
  });

  it('never uses again the bytes it was given to pass through', () => {
    const out = new ByteChunks();
    const given = Buffer.alloc(CHUNK_BYTES * 2, 1);
    out.bytes(given);
    const [passed] = out.take();
    expect(passed).toBe(given);
    out.recycle(passed!);
    out.text('y'.repeat(CHUNK_BYTES));
    out.text('z');
    const [written] = out.take();
    expect(written!.buffer).not.toBe(given.buffer);
    expect(given.every((byte) => byte === 1)).toBe(true);
  });
});
