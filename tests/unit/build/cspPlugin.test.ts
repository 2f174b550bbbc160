import { describe, expect, it } from 'vitest';
import { cspHash, DIST_POLICY, singlePolicy, withCspMeta } from '../../../src/build/cspPlugin';

describe('cspPlugin', () => {
  it("cspHash(text) matches the CSP spec's example hash", () => {
    // From the CSP Level 3 spec, §"hash-source": the hash of alert('Hello, world.');
    expect(cspHash("alert('Hello, world.');")).toBe(
      'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng=',
    );
  });

  it('cspHash(text) hashes UTF-8 bytes, not UTF-16 code units', () => {
    // openssl: printf '→' | openssl dgst -sha256 -binary | base64
    expect(cspHash('→')).toBe('sha256-FhZgAwqmyeMkcMwcAj2rMtx0jYCw5hiCs2jLd10SY44=');
  });

  it("DIST_POLICY: default-src 'self', no unsafe-*, no frame-ancestors", () => {
    expect(DIST_POLICY).toMatch(/^default-src 'self'; script-src 'self'; style-src 'self';/);
    expect(DIST_POLICY).not.toMatch(/unsafe-|frame-ancestors/);
  });

  it("singlePolicy(scripts, styles) quotes each hash and says 'none' when there is none", () => {
    const p = singlePolicy(['sha256-a', 'sha256-b'], []);
    expect(p).toContain("script-src 'sha256-a' 'sha256-b';");
    expect(p).toContain("style-src 'none';");
    expect(p).toMatch(/^default-src 'none';/);
    expect(p).not.toContain('worker-src'); // runs go on the page: no worker
  });

  it('withCspMeta(html, policy) puts the meta tag right after the charset, before any script', () => {
    const html = withCspMeta(
      '<html><head><meta charset="utf-8" /><script src="a.js"></script></head></html>',
      "default-src 'self'",
    );
    const at = html.indexOf('Content-Security-Policy');
    expect(at).toBeGreaterThan(html.indexOf('charset'));
    expect(at).toBeLessThan(html.indexOf('<script'));
    expect(html).toContain(`content="default-src 'self'"`);
  });
});
