import { describe, expect, it } from 'vitest';
import { merkleRoot } from './merkle-root.js';

// The reference vectors of Certificate Transparency's Merkle tree tests (RFC 6962 §2.1).
const leaves = ['', '\x00', '\x10', '\x20\x21', '\x30\x31', '\x40\x41\x42\x43', '\x50\x51\x52\x53\x54\x55\x56\x57', '\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f'];
const roots = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

describe('Merkle root (RFC 6962)', () => {
  it.each(roots.map((root, n) => [n, root] as const))('gives the reference root for the first %i leaves', (n, root) => {
    expect(merkleRoot(leaves.slice(0, n))).toBe(root);
  });

  it('changes when a leaf is altered, removed or moved', () => {
    const base = merkleRoot(leaves);
    expect(merkleRoot([...leaves.slice(0, 7), 'x'])).not.toBe(base);
    expect(merkleRoot(leaves.slice(1))).not.toBe(base);
    expect(merkleRoot([leaves[1]!, leaves[0]!, ...leaves.slice(2)])).not.toBe(base);
  });

  it('keeps a leaf apart from an inner node with the same bytes (second pre-image)', () => {
    expect(merkleRoot(['a', 'b'])).not.toBe(merkleRoot(['ab']));
  });
});
