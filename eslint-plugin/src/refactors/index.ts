/** Refactorings an editor offers on a selection (not lint findings): the language server turns them into code actions. */
export { wrapInTiming, type SourceEdit, type WrapInTiming } from './wrap-in-timing';
