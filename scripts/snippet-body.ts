/** The placeholder templates use for the app's name: a snippet's first tab stop. */
export const APP = '__APP__';

/** Snippet syntax: `$` and `}` are literal only when escaped; the app's name becomes the first placeholder. */
export function snippetBody(code: string): string[] {
  return code
    .replace(/\\/g, '\\\\')
    .replace(/\$/g, '\\$')
    .replace(new RegExp(APP, 'g'), '${1:app}')
    .replace(/\n+$/, '')
    .split('\n');
}
