import { describe, expect, it } from 'vitest';
import { makeThumbnail, THUMB_EDGE, thumbSize } from './photo-thumbnail';

describe('photo thumbnails', () => {
  it('scale the longer side to the edge, keep the proportions and never upscale', () => {
    expect(thumbSize(4000, 3000)).toEqual({ width: THUMB_EDGE, height: 240 });
    expect(thumbSize(1080, 1920)).toEqual({ width: 180, height: THUMB_EDGE });
    expect(thumbSize(96, 72)).toEqual({ width: 96, height: 72 });
    expect(thumbSize(5000, 1)).toEqual({ width: THUMB_EDGE, height: 1 });
  });

  it('are skipped where there is no canvas: the photo goes without one', async () => {
    expect(await makeThumbnail(new Blob([new Uint8Array([1, 2, 3])]))).toBeUndefined();
  });
});
