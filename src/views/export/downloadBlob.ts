/**
 * Saves a blob under `filename` through a temporary object URL and a click on
 * a detached link (no inline script, nothing the page's CSP forbids).
 */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has taken its copy once the click's task ends.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
