import { PureMemo } from '../util/memo';

const wordsOfName = new PureMemo<readonly string[]>((name) =>
  (name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? []).map((word) => word.toLowerCase()),
);

/**
 * Splits an identifier, property name or header name into lower-case words:
 * `APIKey` → api key, `x-api-key` → x api key, `user_email2` → user email 2, `lastName` → last name.
 * Names are judged by their words, never by substrings (`tokenizer` is not `token`).
 */
export function splitWords(name: string): readonly string[] {
  return wordsOfName.get(name);
}

/** True when `words` ends with `phrase` (both already split). */
export function endsWithPhrase(words: readonly string[], end: number, phrase: readonly string[]): boolean {
  if (phrase.length > end + 1) return false;
  for (let i = 0; i < phrase.length; i++) {
    if (words[end - phrase.length + 1 + i] !== phrase[i]) return false;
  }
  return true;
}

/** `err`, `error`, `e`, `ex`, `axiosError`, `dbErr`: names that hold a caught error. */
export function isErrorName(name: string | undefined): boolean {
  if (name === undefined) return false;
  if (name === 'e' || name === 'ex') return true;
  const words = splitWords(name);
  const last = words[words.length - 1];
  return last === 'err' || last === 'error' || last === 'exception';
}
