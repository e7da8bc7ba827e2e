/**
 * `Content-Disposition: attachment` for any file name (RFC 6266): a quoted ASCII `filename` for
 * old clients and, when the name is not plain ASCII, `filename*` in UTF-8 (RFC 8187) for the
 * rest. Node refuses a header holding characters beyond Latin-1, so a name such as `文件😀.txt`
 * written straight into `filename="…"` was a 500.
 *
 * Written here rather than taken from the `content-disposition` package, which is only a
 * transitive dependency of this project (and so not ours to rely on), and the encoder is small.
 */
export function attachmentDisposition(filename: string): string {
  // Control characters would end or split the header; a lone surrogate cannot be UTF-8 encoded.
  // eslint-disable-next-line no-control-regex -- control characters are what is being removed
  const name = filename.replace(/[\u0000-\u001f\u007f]/g, '_').replace(/[\uD800-\uDFFF]/gu, '\uFFFD') || 'download';
  const fallback = name.replace(/[^\u0020-\u007e]/gu, '_').replace(/["\\]/g, '_');
  if (fallback === name) return `attachment; filename="${fallback}"`;
  return `attachment; filename="${fallback}"; filename*=UTF-8''${extValue(name)}`;
}

/** RFC 8187 value-chars: everything but attr-char percent-encoded from UTF-8. */
function extValue(text: string): string {
  return encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
