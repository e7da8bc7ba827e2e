import { describe, expect, it } from 'vitest';
import { attachmentDisposition } from './content-disposition.js';

describe('attachment content-disposition', () => {
  it('keeps a plain ASCII name as a quoted filename only', () => {
    expect(attachmentDisposition('report 2026.pdf')).toBe('attachment; filename="report 2026.pdf"');
  });

  it('gives a name beyond Latin-1 an ASCII fallback and a UTF-8 filename* (RFC 8187)', () => {
    expect(attachmentDisposition('文件😀.txt')).toBe("attachment; filename=\"___.txt\"; filename*=UTF-8''%E6%96%87%E4%BB%B6%F0%9F%98%80.txt");
  });

  it('percent-encodes the characters RFC 8187 does not allow bare, and quotes no quote', () => {
    const header = attachmentDisposition('it\'s "a" (draft)*\\é.txt');
    expect(header).toBe("attachment; filename=\"it's _a_ (draft)*__.txt\"; filename*=UTF-8''it%27s%20%22a%22%20%28draft%29%2A%5C%C3%A9.txt");
  });

  it('never lets a control character or a lone surrogate into the header', () => {
    const header = attachmentDisposition('a\r\nSet-Cookie: x\u0000\ud800.txt');
    expect([...header].some((c) => c.charCodeAt(0) < 0x20)).toBe(false);
    expect(header).toContain("filename*=UTF-8''a__Set-Cookie%3A%20x_%EF%BF%BD.txt");
  });
});
