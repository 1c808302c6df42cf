import * as path from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import type { Attachment } from '../../../shared/contract/visits.schema';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_THUMB_MAX_BYTES } from '../../../shared/contract/visits.schema';
import { uuidv7 } from '../../../shared/domain/ids';
import type { HandlerContext } from '../app/handler-context';
import { insertAudited } from '../audit/audit.service';
import { nodeFileLayer, writeFileAtomic } from '../store/file-layer';
import type { TaskRec } from './task-sync.service';
import { writableTask } from './tasks.service';
import { visibleVisit } from './visits.service';

// Photos documenting a task's result (PRODUCT.md §2 "Attachment"). The file lives in the data
// folder (the store's dir) under attachments/<id>.<ext>, written atomically (temp file, fsync,
// rename, fsync of the folder) BEFORE the record's transaction: once the record is acknowledged
// the bytes are durable. A crash between the two leaves an orphan file, never a record without one.
//
// Images only, recognised by their magic bytes, not by the name. Thumbnails: the app loads no
// native module, so the core has no image library to scale with; the renderer (a browser, with a
// canvas) scales the photo down and sends the thumbnail with it. The core checks it like the photo
// (an image, small) and keeps it beside it as attachments/<id>.thumb.<ext>. `thumbnail: true` serves
// it, or the photo itself where there is none (photos added by scripts, or before thumbnails).
// The record keeps the image's dimensions (read from the JPEG SOF / PNG IHDR / WebP VP8* header).

type Mime = Attachment['mimeType'];
const EXT: Record<Mime, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

export function sniffImage(b: Buffer): Mime | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP')
    return 'image/webp';
  return null;
}

/** Width and height from the image's header; null when the header cannot be read. */
export function imageSize(b: Buffer, mime: Mime): { width: number; height: number } | null {
  try {
    if (mime === 'image/png') {
      if (b.length < 24 || b.toString('latin1', 12, 16) !== 'IHDR') return null;
      return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
    }
    if (mime === 'image/jpeg') {
      let o = 2;
      while (o + 4 <= b.length) {
        if (b[o] !== 0xff) return null;
        const marker = b[o + 1]!;
        if (marker === 0xff) {
          o++; // fill byte
          continue;
        }
        if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
          o += 2; // markers without a length
          continue;
        }
        const len = b.readUInt16BE(o + 2);
        // SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC).
        if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
          if (o + 9 > b.length) return null;
          return { height: b.readUInt16BE(o + 5), width: b.readUInt16BE(o + 7) };
        }
        o += 2 + len;
      }
      return null;
    }
    const chunk = b.toString('latin1', 12, 16);
    if (chunk === 'VP8X' && b.length >= 30)
      return { width: b.readUIntLE(24, 3) + 1, height: b.readUIntLE(27, 3) + 1 };
    if (chunk === 'VP8 ' && b.length >= 30)
      return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
    if (chunk === 'VP8L' && b.length >= 25) {
      const bits = b.readUInt32LE(21);
      return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
    }
    return null;
  } catch {
    return null;
  }
}

export function attachmentPath(dataDir: string, a: Pick<Attachment, 'id' | 'mimeType'>): string {
  return path.join(dataDir, 'attachments', `${a.id}.${EXT[a.mimeType]}`);
}

export function thumbnailPath(dataDir: string, id: string, mimeType: Mime): string {
  return path.join(dataDir, 'attachments', `${id}.thumb.${EXT[mimeType]}`);
}

export async function addAttachment(
  ctx: HandlerContext,
  i: { taskId: string; fileName: string; data: string; thumbnail?: string },
): Promise<Attachment> {
  const { task } = writableTask(ctx, i.taskId);
  const bytes = Buffer.from(i.data, 'base64');
  if (bytes.length > ATTACHMENT_MAX_BYTES)
    throw new AppError('validation', 'The file is too big', {
      key: 'errors.attachment_too_big',
      details: { bytes: bytes.length, max: ATTACHMENT_MAX_BYTES },
    });
  const mimeType = sniffImage(bytes);
  if (!mimeType)
    throw new AppError('validation', 'Only JPEG, PNG and WebP images can be attached', {
      key: 'errors.attachment_type',
      details: { fileName: i.fileName },
    });
  const size = imageSize(bytes, mimeType);
  const thumb = i.thumbnail === undefined ? null : Buffer.from(i.thumbnail, 'base64');
  const thumbMimeType = thumb ? sniffImage(thumb) : null;
  if (thumb && (!thumbMimeType || thumb.length > ATTACHMENT_THUMB_MAX_BYTES))
    throw new AppError('validation', 'The thumbnail is not a small image', {
      key: 'errors.attachment_thumbnail',
      details: { bytes: thumb.length, max: ATTACHMENT_THUMB_MAX_BYTES },
    });
  const id = uuidv7();
  const file = attachmentPath(ctx.store.dir, { id, mimeType });
  const thumbFile = thumb && thumbMimeType ? thumbnailPath(ctx.store.dir, id, thumbMimeType) : null;
  await nodeFileLayer.mkdirp(path.dirname(file));
  await writeFileAtomic(nodeFileLayer, file, bytes);
  if (thumb && thumbFile) await writeFileAtomic(nodeFileLayer, thumbFile, thumb);
  try {
    return await ctx.store.transact({ userId: ctx.actorId() }, (tx) => {
      writableTask(ctx, task.id);
      return insertAudited<Attachment>(tx, 'attachments', {
        id,
        ownerId: task.id,
        fileName: i.fileName,
        mimeType,
        bytes: bytes.length,
        width: size?.width ?? null,
        height: size?.height ?? null,
        thumbMimeType,
      });
    });
  } catch (e) {
    // No record: the files are orphans; remove them (best effort — an orphan costs only space).
    await nodeFileLayer.unlink(file).catch(() => undefined);
    if (thumbFile) await nodeFileLayer.unlink(thumbFile).catch(() => undefined);
    throw e;
  }
}

export async function getAttachment(
  ctx: HandlerContext,
  i: { id: string; thumbnail: boolean },
): Promise<{ fileName: string; mimeType: string; data: string }> {
  const a = ctx.store.get<Attachment>('attachments', i.id);
  if (!a || a.archived)
    throw new AppError('not_found', `Attachment ${i.id} not found`, {
      key: 'errors.attachment_not_found',
      details: { id: i.id },
    });
  const task = ctx.store.get<TaskRec>('tasks', a.ownerId);
  if (!task)
    throw new AppError('not_found', `Attachment ${i.id} not found`, {
      key: 'errors.attachment_not_found',
      details: { id: i.id },
    });
  visibleVisit(ctx, task.visitId);
  if (i.thumbnail && a.thumbMimeType) {
    const thumb = await nodeFileLayer.readFile(thumbnailPath(ctx.store.dir, a.id, a.thumbMimeType));
    // A lost thumbnail falls back to the photo itself.
    if (thumb) return { fileName: a.fileName, mimeType: a.thumbMimeType, data: thumb.toString('base64') };
  }
  const buf = await nodeFileLayer.readFile(attachmentPath(ctx.store.dir, a));
  if (!buf)
    throw new AppError('not_found', `The file of attachment ${i.id} is missing`, {
      key: 'errors.attachment_file_missing',
      details: { id: i.id },
    });
  return { fileName: a.fileName, mimeType: a.mimeType, data: buf.toString('base64') };
}
